package io.portcullis.identity.introspection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JwtShapeTest {

    @Test
    void jwsAndJweAreJwts() {
        assertTrue(JwtShape.looksLikeJwt("eyJh.eyJz.sig"));
        assertTrue(JwtShape.looksLikeJwt("h.k.iv.c.t"));
        assertTrue(JwtShape.looksLikeJwt("a..b"), "shape only: the verifier refuses it later");
    }

    @Test
    void everythingElseIsOpaque() {
        assertFalse(JwtShape.looksLikeJwt("2YotnFZFEjr1zCsicMWpAA"));
        assertFalse(JwtShape.looksLikeJwt("a.b"));
        assertFalse(JwtShape.looksLikeJwt("a.b.c.d"));
        assertFalse(JwtShape.looksLikeJwt(""));
    }
}
