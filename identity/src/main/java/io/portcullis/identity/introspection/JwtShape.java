package io.portcullis.identity.introspection;

/**
 * Tells JWTs from opaque tokens by their compact form alone: a JWS has three dot-separated parts and a
 * JWE five. Anything else can only be checked by asking its issuer (introspection).
 */
public final class JwtShape {

    private JwtShape() {
    }

    public static boolean looksLikeJwt(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        return dots == 2 || dots == 4;
    }
}
