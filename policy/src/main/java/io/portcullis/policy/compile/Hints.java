package io.portcullis.policy.compile;

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
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
