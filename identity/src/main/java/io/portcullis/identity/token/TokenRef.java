package io.portcullis.identity.token;

import java.util.regex.Pattern;

/**
 * What logs may show for a token: its {@code jti} when that is short and plain (so it cannot smuggle
 * line breaks or markup into a log), else a short hash of the token.
 */
public final class TokenRef {

    private static final Pattern PLAIN_JTI = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private TokenRef() {
    }

    public static String of(Object jti, String hashRef) {
        if (jti instanceof String text && PLAIN_JTI.matcher(text).matches()) {
            return text;
        }
        return hashRef;
    }
}
