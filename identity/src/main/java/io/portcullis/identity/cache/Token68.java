package io.portcullis.identity.cache;

/**
 * The token68 syntax of RFC 7235 §2.1 that bearer tokens use (RFC 6750 §2.1): letters, digits and
 * {@code - . _ ~ + /}, then optional trailing {@code =} padding.
 */
final class Token68 {

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

    /**
     * Zero when {@code c} may appear before the padding, non-zero otherwise. Without a branch, so that a
     * scan can OR it over ~1,000 characters and test once at the end.
     */
    static int notBody(char c) {
        return NOT_BODY[c & 0x7F] | (c >>> 7);
    }

    /** Where the trailing {@code =} padding of {@code s[from, to)} starts ({@code to} when none). */
    static int paddingStart(String s, int from, int to) {
        int end = to;
        while (end > from && s.charAt(end - 1) == '=') {
            end--;
        }
        return end;
    }
}
