package io.portcullis.policy.criteria;

/**
 * Case-insensitive comparison for ASCII letters only. {@link String#equalsIgnoreCase} folds Unicode
 * too (the Kelvin sign equals {@code k}, a long s equals {@code s}), which would let a look-alike
 * address or domain satisfy a policy written for another.
 */
final class AsciiCase {

    private AsciiCase() {
    }

    /** Whether {@code a[aFrom..]} and {@code b[bFrom..]} agree on {@code length} chars, ASCII case aside. */
    static boolean regionEquals(String a, int aFrom, String b, int bFrom, int length) {
        if (aFrom < 0 || bFrom < 0 || aFrom + length > a.length() || bFrom + length > b.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lower(a.charAt(aFrom + i)) != lower(b.charAt(bFrom + i))) {
                return false;
            }
        }
        return true;
    }

    static boolean equals(String a, String b) {
        return a.length() == b.length() && regionEquals(a, 0, b, 0, a.length());
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
