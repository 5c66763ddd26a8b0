package io.portcullis.identity.cache;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * SHA-256 of a token as four longs: a compact cache key (the token itself is never kept) and the
 * source of a loggable short reference. The hash is of the token's US-ASCII bytes. The introspection
 * and refresh caches key by it; the verified-token cache by {@link VerifiedTokenKey}, which holds one
 * for the token's signature.
 */
public record TokenDigest(long a, long b, long c, long d) {

    public static TokenDigest of(String token) {
        Sha256Scratch scratch = Sha256Scratch.get();
        byte[] bytes = scratch.ascii(token, 0, token.length());
        if (bytes == null) {
            // Not ASCII: the encoder's replacement rules (one '?' per code point) decide the bytes.
            byte[] encoded = token.getBytes(StandardCharsets.US_ASCII);
            return scratch.digest(encoded, encoded.length);
        }
        return scratch.digest(bytes, token.length());
    }

    /** First 12 hex digits of the hash. */
    public String shortHex() {
        return HexFormat.of().toHexDigits(a).substring(0, 12);
    }
}
