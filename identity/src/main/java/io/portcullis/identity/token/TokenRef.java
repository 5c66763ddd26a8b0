package io.portcullis.identity.token;


/**
 * What logs may show for a token: its {@code jti} when that is short and plain (so it cannot smuggle
 * line breaks or markup into a log), else a short hash of the token.
 */
public final class TokenRef {

    private static final int MAX_JTI_CHARS = 64;

    private TokenRef() {
    }

    public static String of(Object jti, String hashRef) {
        return jti instanceof String text && isPlain(text) ? text : hashRef;
    }

    /**
     * {@code [A-Za-z0-9._:-]{1,64}}, checked with a loop: this runs once per new token, and the regex
     * matcher showed in the cache-miss profile.
     */
    private static boolean isPlain(String text) {
        int length = text.length();
        if (length == 0 || length > MAX_JTI_CHARS) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
