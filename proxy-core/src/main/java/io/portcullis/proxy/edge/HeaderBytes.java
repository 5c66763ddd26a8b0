package io.portcullis.proxy.edge;

/**
 * Which characters RFC 9110 allows in a header field name (a token) and value. Netty decodes header
 * bytes as ISO-8859-1, so one char is one byte here.
 */
final class HeaderBytes {

    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HeaderBytes() {
    }

    /** A non-empty token: what a header name must be. */
    static boolean isToken(CharSequence name) {
        int n = name.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A field value without control bytes other than HTAB. Bytes 0x80-0xFF (obs-text) are allowed, as
     * RFC 9110 allows them; CR, LF and NUL never are.
     */
    static boolean isFieldValue(CharSequence value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
