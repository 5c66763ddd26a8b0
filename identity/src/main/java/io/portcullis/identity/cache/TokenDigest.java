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
        int length = token.length();
        Sha256Scratch scratch = Sha256Scratch.get();
        byte[] bytes = scratch.input(length);
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            if (c >= 128) {
                // Not ASCII: the encoder's replacement rules (one '?' per code point) decide the bytes.
                scratch.discard(bytes, 0, i);
                byte[] encoded = token.getBytes(StandardCharsets.US_ASCII);
                return scratch.digest(encoded, encoded.length);
            }
            bytes[i] = (byte) c;
        }
        return scratch.digest(bytes, length);
    }

    /** First 12 hex digits of the hash. */
    public String shortHex() {
        return HexFormat.of().toHexDigits(a).substring(0, 12);
    }
}
