package io.portcullis.identity.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TokenDigestTest {

    @Test
    void equalTokensGiveEqualKeysAndOthersDiffer() {
        assertEquals(TokenDigest.of("a.b.c"), TokenDigest.of("a.b.c"));
        assertNotEquals(TokenDigest.of("a.b.c"), TokenDigest.of("a.b.d"));
    }

    @Test
    void shortHexIsTheStartOfTheSha256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertEquals("ba7816bf8f01", TokenDigest.of("abc").shortHex());
    }
}
