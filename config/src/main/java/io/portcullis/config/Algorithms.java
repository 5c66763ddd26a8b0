package io.portcullis.config;

import java.util.List;

/**
 * The JWS algorithms an issuer may use. {@code none} and the HMAC family are refused outright: an
 * unsigned token proves nothing, and a shared secret would let anyone holding it mint tokens.
 */
final class Algorithms {

    static final List<String> ALLOWED = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    private Algorithms() {
    }

    static String check(String alg) {
        if (ALLOWED.contains(alg)) {
            return alg;
        }
        if (alg.equalsIgnoreCase("none")) {
            throw new IllegalArgumentException("algorithm 'none' is never accepted: unsigned tokens prove nothing");
        }
        if (alg.toUpperCase(java.util.Locale.ROOT).startsWith("HS")) {
            throw new IllegalArgumentException("HMAC algorithm '" + alg + "' is not accepted: use an asymmetric algorithm");
        }
        throw new IllegalArgumentException("unknown algorithm '" + alg + "' (allowed: " + String.join(", ", ALLOWED) + ")");
    }
}
