package io.portcullis.identity.cache;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * SHA-256 of a token as four longs: a compact cache key (the token itself is never kept) and the
 * source of a loggable short reference. The hash is of the token's US-ASCII bytes.
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
                scratch.discard(bytes, i);
                byte[] encoded = token.getBytes(StandardCharsets.US_ASCII);
                return scratch.digest(encoded, encoded.length);
            }
            bytes[i] = (byte) c;
        }
        return scratch.digest(bytes, length);
    }

    /**
     * The digest of {@code source[from, to)} when those characters are ASCII, else null (such text is
     * never token68). One pass that only copies: the token68 check is left for when it is needed
     * (see {@link VerifiedTokenCache}), as it costs as much as the hash.
     */
    public static TokenDigest ofAscii(String source, int from, int to) {
        int length = to - from;
        Sha256Scratch scratch = Sha256Scratch.get();
        byte[] bytes = scratch.input(length);
        int seen = 0;
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            seen |= c;
            bytes[i - from] = (byte) c;
        }
        if (seen >= 128) {
            scratch.discard(bytes, length);
            return null;
        }
        return scratch.digest(bytes, length);
    }

    /** First 12 hex digits of the hash. */
    public String shortHex() {
        return HexFormat.of().toHexDigits(a).substring(0, 12);
    }
}
