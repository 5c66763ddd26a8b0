package io.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.identity.cache.VerifiedTokenCache;
import io.portcullis.identity.cache.VerifiedTokenKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresentedTokenTest {

    private static final String HEADER = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln==  ";

    @Test
    void theTokenIsTheRangeAndItsKeyThatOfItsText() {
        PresentedToken token = PresentedToken.ofAscii(HEADER, 7, HEADER.length() - 2);

        assertEquals("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln==", token.text());
        assertEquals(token.text().length(), token.length());
        assertEquals(VerifiedTokenKey.of(token.text()).lastSegment(), token.key().lastSegment());
        VerifiedTokenCache cache = new VerifiedTokenCache(10, Clock.systemUTC());
        AuthResult.Authenticated alice = new AuthResult.Authenticated(new Identity("corp", "https://idp.test", "a",
                Map.of("sub", "a"), Instant.now().plusSeconds(60), "ref"));
        cache.put(VerifiedTokenKey.of(token.text()), token.text(), alice);
        cache.put(VerifiedTokenKey.of(token.text()), token.text(), alice);
        assertSame(alice, cache.get(token.key()).join(), "the key taken in the header finds the text's entry");
        assertSame(token.text(), token.text(), "the text is built once");
    }

    @Test
    void onlyAsciiIsAToken() {
        assertNull(PresentedToken.ofAscii("Bearer caf\u00e9", 7, 11));
        assertNull(PresentedToken.ofAscii("Bearer a\u0141b", 7, 10), "not taken for an A by dropping its high byte");
        assertNull(PresentedToken.ofAscii("Bearer x\u0141y.sig", 7, 14), "before the last dot as well");
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
        assertEquals("PresentedToken[" + token.key().shortHex() + "]", token.toString());
    }
}
