package io.portcullis.policy.compile;

import io.portcullis.config.KeySuggester;
import java.util.Collection;

/** "Did you mean" suggestions for misspelt keys, so a typo is fixed without reading the docs. */
public final class Hints {

    /** Two edits for most words, one for very short ones, where two edits reach unrelated words. */
    private static int maxDistance(String word) {
        return word.length() <= 3 ? 1 : 2;
    }

    private Hints() {
    }

    /** A suffix for an error message: the closest known word, or the list of known words. */
    public static String suggest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(word, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= maxDistance(word)) {
            return " (did you mean '" + best + "'?)";
        }
        return " (expected one of: " + String.join(", ", known) + ")";
    }

    static int distance(String a, String b) {
        return KeySuggester.distance(a, b);
    }
}
