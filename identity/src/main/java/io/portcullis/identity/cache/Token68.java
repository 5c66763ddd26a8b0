package io.portcullis.identity.cache;

/**
 * The token68 syntax of RFC 7235 §2.1 that bearer tokens use (RFC 6750 §2.1): letters, digits and
 * {@code - . _ ~ + /}, then optional trailing {@code =} padding.
 */
public final class Token68 {

    /** 1 for each ASCII character not allowed before the padding, 0 for the allowed ones. */
    private static final byte[] NOT_BODY = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean body = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            NOT_BODY[c] = (byte) (body ? 0 : 1);
        }
    }

    private Token68() {
    }

    /** True when {@code s} is token68. */
    public static boolean matches(String s) {
        return matches(s, 0, s.length());
    }

    /** True when {@code s[from, to)} is token68. */
    public static boolean matches(String s, int from, int to) {
        int bodyEnd = to;
        while (bodyEnd > from && s.charAt(bodyEnd - 1) == '=') {
            bodyEnd--;
        }
        int bad = 0;
        // No early exit: a branch-free loop is faster over a valid token, the case that matters.
        for (int i = from; i < bodyEnd; i++) {
            bad |= notBody(s.charAt(i));
        }
        return bad == 0;
    }

    /** Zero when {@code c} may appear before the padding, non-zero otherwise; without a branch. */
    static int notBody(char c) {
        return NOT_BODY[c & 0x7F] | (c >>> 7);
    }
}
