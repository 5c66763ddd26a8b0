package io.portcullis.identity.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * One thread's SHA-256 state for token digests: a reused {@link MessageDigest} and input and output
 * buffers, so hashing a token on the request path allocates nothing but the resulting key. The input
 * bytes are zeroed after each digest: the cache never holds raw tokens, and neither does this buffer.
 */
final class Sha256Scratch {

    /** Tokens up to this size reuse the thread's buffer; longer ones (refused anyway) get a throwaway one. */
    static final int RETAINED_INPUT_BYTES = 16 * 1024;

    private static final ThreadLocal<Sha256Scratch> PER_THREAD = ThreadLocal.withInitial(Sha256Scratch::new);
    private static final VarHandle BIG_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final MessageDigest sha256;
    private final byte[] hash = new byte[32];
    private byte[] input = new byte[2048];

    private Sha256Scratch() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static Sha256Scratch get() {
        return PER_THREAD.get();
    }

    /** A buffer of at least {@code length} bytes to fill before {@link #digest}. */
    byte[] input(int length) {
        if (length > RETAINED_INPUT_BYTES) {
            return new byte[length];
        }
        if (input.length < length) {
            input = new byte[RETAINED_INPUT_BYTES];
        }
        return input;
    }

    /** Zeroes the first {@code length} bytes of {@code bytes} without hashing them. */
    void discard(byte[] bytes, int length) {
        Arrays.fill(bytes, 0, length, (byte) 0);
    }

    /** SHA-256 of the first {@code length} bytes of {@code bytes}, which are then zeroed. */
    TokenDigest digest(byte[] bytes, int length) {
        try {
            sha256.update(bytes, 0, length);
            sha256.digest(hash, 0, hash.length);
        } catch (DigestException e) {
            sha256.reset();
            throw new IllegalStateException("a SHA-256 output buffer of 32 bytes is large enough", e);
        } finally {
            discard(bytes, length);
        }
        return new TokenDigest((long) BIG_ENDIAN_LONGS.get(hash, 0), (long) BIG_ENDIAN_LONGS.get(hash, 8),
                (long) BIG_ENDIAN_LONGS.get(hash, 16), (long) BIG_ENDIAN_LONGS.get(hash, 24));
    }
}
