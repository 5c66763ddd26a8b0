package io.portcullis.identity.oidc;

/**
 * Where a browser may be sent back to after login: only a path on this very origin. Anything a
 * browser could read as another origin ({@code //host}, {@code /\host}, a scheme, control characters)
 * becomes {@code /}, so the login flow can never be turned into an open redirect.
 */
public final class ReturnPath {

    static final int MAX_LENGTH = 2048;

    private ReturnPath() {
    }

    /** {@code candidate} when it is a safe same-origin path (with optional query), else {@code /}. */
    public static String sanitize(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return "/";
        }
        if (candidate.charAt(0) != '/') {
            return "/";
        }
        if (candidate.length() > 1 && (candidate.charAt(1) == '/' || candidate.charAt(1) == '\\')) {
            return "/";
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            // Browsers treat '\' like '/', and strip tabs and newlines before parsing a URL.
            if (c == '\\' || c < 0x21 || c == 0x7f || c > 0x7e) {
                return "/";
            }
        }
        String lower = candidate.toLowerCase(java.util.Locale.ROOT);
        // An encoded slash or backslash right after the first one may be decoded by some app into '//'.
        if (lower.startsWith("/%2f") || lower.startsWith("/%5c")) {
            return "/";
        }
        return candidate;
    }
}
