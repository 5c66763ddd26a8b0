package io.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.identity.cache.TokenDigest;
import org.junit.jupiter.api.Test;

class PresentedTokenTest {

    private static final String HEADER = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln==  ";

    @Test
    void theTokenIsTheRangeAndItsDigestThatOfItsText() {
        PresentedToken token = PresentedToken.ofAscii(HEADER, 7, HEADER.length() - 2);

        assertEquals("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln==", token.text());
        assertEquals(token.text().length(), token.length());
        assertEquals(TokenDigest.of(token.text()), token.digest());
        assertSame(token.text(), token.text(), "the text is built once");
    }

    @Test
    void onlyAsciiIsAToken() {
        assertNull(PresentedToken.ofAscii("Bearer caf\u00e9", 7, 11));
        assertNull(PresentedToken.ofAscii("Bearer a\u0141b", 7, 10), "not taken for an A by dropping its high byte");
    }

    @Test
    void token68IsTheTokensOwnSyntax() {
        assertTrue(PresentedToken.ofAscii(HEADER, 7, HEADER.length() - 2).isToken68());
        assertFalse(PresentedToken.ofAscii(HEADER, 0, HEADER.length()).isToken68(), "the range holds a space");
        assertFalse(PresentedToken.ofAscii("Bearer a=b", 7, 10).isToken68());
    }

    @Test
    void itsTextNeverShowsInItsStringForm() {
        PresentedToken token = PresentedToken.ofAscii(HEADER, 7, HEADER.length() - 2);

        assertFalse(token.toString().contains("eyJ"), token.toString());
        assertEquals("PresentedToken[" + token.digest().shortHex() + "]", token.toString());
    }
}
