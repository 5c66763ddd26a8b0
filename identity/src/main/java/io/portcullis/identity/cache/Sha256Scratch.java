package io.portcullis.identity.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
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

    /**
     * Zeroes to copy from: {@code Arrays.fill} is a loop of single stores on this JVM (no fill
     * intrinsic by default on x86), and zeroing a token's buffers that way was a tenth of a repeat
     * token's decision; {@code System.arraycopy} is a bulk copy.
     */
    private static final byte[] ZERO_BYTES = new byte[RETAINED_INPUT_BYTES];
    private static final char[] ZERO_CHARS = new char[RETAINED_INPUT_BYTES];

    private static final ThreadLocal<Sha256Scratch> PER_THREAD = ThreadLocal.withInitial(Sha256Scratch::new);
    private static final VarHandle BIG_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle NATIVE_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MessageDigest sha256;
    private final byte[] hash = new byte[32];
    private byte[] input = new byte[2048];
    private char[] chars = new char[0];
    private CharBuffer charsView;
    private ByteBuffer inputView;
    private final CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();

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

    /**
     * The input buffer holding {@code source[from, to)} as bytes from index 0, or null (and nothing
     * kept) when one of those characters is not ASCII. Bulk work throughout: the characters are
     * copied out of the string in one go, narrowed by the ISO-8859-1 encoder (which stops at a
     * character above U+00FF) and checked for the high bit eight bytes at a time: a third of the time
     * of one {@code charAt} per character, which showed as a quarter of a repeat token's decision.
     */
    byte[] ascii(String source, int from, int to) {
        int length = to - from;
        if (length > RETAINED_INPUT_BYTES) {
            return asciiOneByOne(source, from, to);
        }
        byte[] bytes = input(length);
        if (inputView == null || inputView.array() != bytes) {
            // The first use, or the input buffer grew: the characters' buffer and both views follow it.
            chars = new char[bytes.length];
            charsView = CharBuffer.wrap(chars);
            inputView = ByteBuffer.wrap(bytes);
        }
        source.getChars(from, to, chars, 0);
        latin1.reset();
        boolean narrowed = !latin1.encode(charsView.clear().limit(length), inputView.clear().limit(length), true)
                .isError();
        System.arraycopy(ZERO_CHARS, 0, chars, 0, length);
        if (narrowed && charsView.position() == length && isAscii(bytes, length)) {
            return bytes;
        }
        discard(bytes, 0, length);
        return null;
    }

    /** As {@link #ascii}, into a throwaway buffer: for the rare text too long to keep a buffer for. */
    private static byte[] asciiOneByOne(String source, int from, int to) {
        byte[] bytes = new byte[to - from];
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            if (c >= 128) {
                return null;
            }
            bytes[i - from] = (byte) c;
        }
        return bytes;
    }

    private static boolean isAscii(byte[] bytes, int length) {
        long high = 0;
        int i = 0;
        // In the machine's own byte order (no swap per word): which byte holds a high bit is no matter.
        for (; i + 2 * Long.BYTES <= length; i += 2 * Long.BYTES) {
            high |= (long) NATIVE_LONGS.get(bytes, i) | (long) NATIVE_LONGS.get(bytes, i + Long.BYTES);
        }
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            high |= (long) NATIVE_LONGS.get(bytes, i);
        }
        for (; i < length; i++) {
            high |= bytes[i];
        }
        return (high & 0x8080808080808080L) == 0;
    }

    /** Zeroes {@code bytes[from, to)} without hashing them. */
    void discard(byte[] bytes, int from, int to) {
        if (to - from <= ZERO_BYTES.length) {
            System.arraycopy(ZERO_BYTES, 0, bytes, from, to - from);
        } else {
            Arrays.fill(bytes, from, to, (byte) 0);
        }
    }

    /** SHA-256 of the first {@code length} bytes of {@code bytes}, which are then zeroed. */
    TokenDigest digest(byte[] bytes, int length) {
        return digest(bytes, 0, length);
    }

    /** SHA-256 of {@code length} bytes of {@code bytes} from {@code offset}, which are then zeroed. */
    TokenDigest digest(byte[] bytes, int offset, int length) {
        try {
            sha256.update(bytes, offset, length);
            sha256.digest(hash, 0, hash.length);
        } catch (DigestException e) {
            sha256.reset();
            throw new IllegalStateException("a SHA-256 output buffer of 32 bytes is large enough", e);
        } finally {
            discard(bytes, offset, offset + length);
        }
        return new TokenDigest((long) BIG_ENDIAN_LONGS.get(hash, 0), (long) BIG_ENDIAN_LONGS.get(hash, 8),
                (long) BIG_ENDIAN_LONGS.get(hash, 16), (long) BIG_ENDIAN_LONGS.get(hash, 24));
    }
}
