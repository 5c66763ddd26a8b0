package io.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.portcullis.identity.cache.TokenDigest;
import org.junit.jupiter.api.Test;

class PresentedTokenTest {

    private static final String HEADER = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln==  ";

    @Test
    void theTokenIsTheRangeAndItsDigestThatOfItsText() {
        PresentedToken token = PresentedToken.ofToken68(HEADER, 7, HEADER.length() - 2);

        assertEquals("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln==", token.text());
        assertEquals(token.text().length(), token.length());
        assertEquals(TokenDigest.of(token.text()), token.digest());
        assertSame(token.text(), token.text(), "the text is built once");
    }

    @Test
    void notToken68IsNoToken() {
        assertNull(PresentedToken.ofToken68(HEADER, 0, HEADER.length()), "the range holds a space");
        assertNull(PresentedToken.ofToken68("Bearer a=b", 7, 10));
    }

    @Test
    void itsTextNeverShowsInItsStringForm() {
        PresentedToken token = PresentedToken.ofToken68(HEADER, 7, HEADER.length() - 2);

        assertFalse(token.toString().contains("eyJ"), token.toString());
        assertEquals("PresentedToken[" + token.digest().shortHex() + "]", token.toString());
    }
}
