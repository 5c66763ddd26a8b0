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
     * The digest of {@code source[from, to)} when those characters are {@link Token68 token68}, else
     * null: the syntax check and the copy into the hash input are one pass over the characters.
     */
    public static TokenDigest ofToken68(String source, int from, int to) {
        int length = to - from;
        Sha256Scratch scratch = Sha256Scratch.get();
        byte[] bytes = scratch.input(length);
        int bodyEnd = Token68.paddingStart(source, from, to);
        int bad = 0;
        // No early exit: a branch-free loop is faster over a valid token, the case that matters.
        for (int i = from; i < bodyEnd; i++) {
            char c = source.charAt(i);
            bad |= Token68.notBody(c);
            bytes[i - from] = (byte) c;
        }
        if (bad != 0) {
            scratch.discard(bytes, bodyEnd - from);
            return null;
        }
        for (int i = bodyEnd - from; i < length; i++) {
            bytes[i] = '=';
        }
        return scratch.digest(bytes, length);
    }

    /** First 12 hex digits of the hash. */
    public String shortHex() {
        return HexFormat.of().toHexDigits(a).substring(0, 12);
    }
}
