package io.portcullis.proxy.auth;

import java.util.List;

/**
 * Extracts a bearer token (RFC 6750 §2.1) from the {@code Authorization} header values of a request.
 * The scheme is case-insensitive; the token must be token68. More than one Authorization header is
 * ambiguous (which one would the upstream read?) and is refused.
 */
public final class BearerToken {

    /** Result of extraction: exactly one of token / problem is set, or neither (no credentials). */
    public record Extraction(String token, String problem) {
        static final Extraction NONE = new Extraction(null, null);

        public boolean present() {
            return token != null;
        }
    }

    /** Upper bound on a token's length; longer headers are refused before any parsing. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    private BearerToken() {
    }

    public static Extraction extract(List<String> authorizationValues) {
        if (authorizationValues.isEmpty()) {
            return Extraction.NONE;
        }
        if (authorizationValues.size() > 1) {
            return new Extraction(null, "multiple-authorization-headers");
        }
        String v = authorizationValues.get(0).trim();
        if (v.length() < 7 || !v.regionMatches(true, 0, "Bearer", 0, 6) || v.charAt(6) != ' ') {
            return new Extraction(null, "credentials-unsupported-scheme");
        }
        String token = v.substring(7).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS || !isToken68(token)) {
            return new Extraction(null, "token-malformed");
        }
        return new Extraction(token, null);
    }

    /** token68 characters before any trailing '='; a table because a token is ~1,000 of them per request. */
    private static final boolean[] TOKEN68 = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            TOKEN68[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }

    private static boolean isToken68(String s) {
        int i = 0;
        int n = s.length();
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TOKEN68[c]) {
                break;
            }
        }
        for (; i < n; i++) {
            if (s.charAt(i) != '=') {
                return false;
            }
        }
        return true;
    }
}
