package io.portcullis.identity.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a token as four longs: a compact cache key (the token itself is never kept) and the
 * source of a loggable short reference.
 */
public record TokenDigest(long a, long b, long c, long d) {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    public static TokenDigest of(String token) {
        byte[] hash = SHA256.get().digest(token.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buffer = ByteBuffer.wrap(hash);
        return new TokenDigest(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    /** First 12 hex digits of the hash. */
    public String shortHex() {
        return HexFormat.of().toHexDigits(a).substring(0, 12);
    }
}
