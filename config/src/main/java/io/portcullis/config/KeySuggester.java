package io.portcullis.config;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the known key an unknown key was probably meant to be (edit distance at most 2). The policy
 * compiler's hints use the same distance.
 */
public final class KeySuggester {

    private static final int MAX_DISTANCE = 2;

    private KeySuggester() {
    }

    static Optional<String> suggest(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String k : known) {
            int d = distance(unknown, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The end of an "unknown name" message: {@code (did you mean 'x'?)} when a declared name is close,
     * else {@code (declare it under <section>)}.
     */
    static String hint(String unknown, Collection<String> declared, String section) {
        return suggest(unknown, declared).map(k -> " (did you mean '" + k + "'?)")
                .orElse(" (declare it under " + section + ")");
    }

    /** Levenshtein distance, two rows. */
    public static int distance(String a, String b) {
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
