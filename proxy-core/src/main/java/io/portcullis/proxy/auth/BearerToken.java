package io.portcullis.proxy.auth;

import io.portcullis.identity.PresentedToken;
import java.util.List;

/**
 * Extracts an access token from the {@code Authorization} header values of a request: {@code Bearer}
 * (RFC 6750 §2.1) or {@code DPoP} (RFC 9449 §7.1), the scheme kept so that the binding check knows how
 * the token came. The scheme is case-insensitive; the token must be token68. More than one Authorization header is
 * ambiguous (which one would the upstream read?) and is refused.
 */
public final class BearerToken {

    /**
     * Result of extraction: exactly one of presented / problem is set, or neither (no credentials).
     *
     * @param presented the token, hashed where it lies in the header value
     * @param dpop      the token came with the {@code DPoP} scheme rather than {@code Bearer}
     */
    public record Extraction(PresentedToken presented, String problem, boolean dpop) {
        static final Extraction NONE = new Extraction(null, null, false);

        public boolean present() {
            return presented != null;
        }

        /** The token's text, or null; builds a string, which a cached token's path never needs. */
        public String token() {
            return presented == null ? null : presented.text();
        }
    }

    /** Upper bound on a token's length; longer headers are refused before any parsing. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final Extraction MULTIPLE = new Extraction(null, "multiple-authorization-headers", false);
    private static final Extraction UNSUPPORTED_SCHEME = new Extraction(null, "credentials-unsupported-scheme", false);
    private static final Extraction MALFORMED = new Extraction(null, "token-malformed", false);

    private BearerToken() {
    }

    public static Extraction extract(List<String> authorizationValues) {
        return checkedToken68(hashed(authorizationValues));
    }

    /**
     * As {@link #extract}, but the token68 check of a present token is left to the caller: the token is
     * only known to be ASCII, and is hashed. A token the identity service already has cached need not
     * be checked (only token68 tokens are cached); any other goes through {@link #checkedToken68}.
     */
    public static Extraction hashed(List<String> authorizationValues) {
        if (authorizationValues.isEmpty()) {
            return Extraction.NONE;
        }
        if (authorizationValues.size() > 1) {
            return MULTIPLE;
        }
        // Indices into the header value rather than trim()/substring() copies: the token is ~1 KB.
        String v = authorizationValues.get(0);
        int start = 0;
        int end = v.length();
        while (start < end && v.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && v.charAt(end - 1) <= ' ') {
            end--;
        }
        int schemeEnd;
        boolean dpop;
        if (end - start >= 7 && v.regionMatches(true, start, "Bearer", 0, 6) && v.charAt(start + 6) == ' ') {
            schemeEnd = start + 6;
            dpop = false;
        } else if (end - start >= 5 && v.regionMatches(true, start, "DPoP", 0, 4) && v.charAt(start + 4) == ' ') {
            schemeEnd = start + 4;
            dpop = true;
        } else {
            return UNSUPPORTED_SCHEME;
        }
        int tokenStart = schemeEnd + 1;
        while (tokenStart < end && v.charAt(tokenStart) <= ' ') {
            tokenStart++;
        }
        if (tokenStart == end || end - tokenStart > MAX_TOKEN_CHARS) {
            return MALFORMED;
        }
        PresentedToken token = PresentedToken.ofAscii(v, tokenStart, end);
        return token == null ? MALFORMED : new Extraction(token, null, dpop);
    }

    /** {@code extraction}, or token-malformed when it holds a token that is not token68. */
    public static Extraction checkedToken68(Extraction extraction) {
        return extraction.present() && !extraction.presented().isToken68() ? MALFORMED : extraction;
    }
}
