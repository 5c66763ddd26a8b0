package io.portcullis.identity.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The per-thread scratch never keeps a token's bytes after hashing or refusing it. */
class Sha256ScratchTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    private static byte[] scratchBytes(int length) {
        byte[] buffer = Sha256Scratch.get().input(length);
        byte[] copy = new byte[length];
        System.arraycopy(buffer, 0, copy, 0, length);
        return copy;
    }

    @Test
    void aHashedTokensBytesAreZeroedInTheScratch() {
        assertNotNull(VerifiedTokenKey.ofAscii(TOKEN, 0, TOKEN.length()));

        assertArrayEquals(new byte[TOKEN.length()], scratchBytes(TOKEN.length()));

        TokenDigest.of(TOKEN);
        assertArrayEquals(new byte[TOKEN.length()], scratchBytes(TOKEN.length()));
    }

    @Test
    void aRefusedTokensBytesAreZeroedToo() {
        String refused = TOKEN + "\u00e9" + "c2lnbmF0dXJl";

        assertNull(VerifiedTokenKey.ofAscii(refused, 0, refused.length()));

        assertArrayEquals(new byte[refused.length()], scratchBytes(refused.length()));
    }

    @Test
    void theBufferIsReusedUpToTheRetainedSizeAndNotBeyond() {
        Sha256Scratch scratch = Sha256Scratch.get();

        assertSame(scratch.input(100), scratch.input(Sha256Scratch.RETAINED_INPUT_BYTES));
        assertNotSame(scratch.input(Sha256Scratch.RETAINED_INPUT_BYTES + 1),
                scratch.input(Sha256Scratch.RETAINED_INPUT_BYTES + 1));
    }

    @Test
    void digestHashesExactlyTheGivenRangeAndZeroesOnlyIt() throws Exception {
        Sha256Scratch scratch = Sha256Scratch.get();
        byte[] input = scratch.input(5);
        System.arraycopy("XYabc".getBytes(StandardCharsets.US_ASCII), 0, input, 0, 5);

        assertEquals(TokenDigestTest.reference("ab"), scratch.digest(input, 2, 2));
        assertArrayEquals("XY\0\0c".getBytes(StandardCharsets.US_ASCII), scratchBytes(5));
        assertEquals(TokenDigestTest.reference("XY"), scratch.digest(input, 2), "from the start");
        assertArrayEquals("\0\0\0\0c".getBytes(StandardCharsets.US_ASCII), scratchBytes(5));
        scratch.discard(input, 4, 5);
        assertArrayEquals(new byte[5], scratchBytes(5));
    }
}
