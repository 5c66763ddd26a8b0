package io.portcullis.identity.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.identity.AuthResult;
import io.portcullis.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verified-token cache finds a token by exactly itself, however the dots fall, though it hashes
 * only the last segment; what it keeps is the text before that and the hash, never the signature.
 */
class VerifiedTokenKeyTest {

    private static final String JWS = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    private static AuthResult.Authenticated identity(String subject) {
        return new AuthResult.Authenticated(new Identity("corp", "https://idp.test", subject, Map.of("sub", subject),
                Instant.now().plus(Duration.ofHours(1)), "ref"));
    }

    @Test
    void aCachedTokenIsFoundByExactlyItself() {
        // Tokens that differ only in where (and whether) their dots are, or by one character anywhere
        // (an '=' inside makes one that is not token68, which is never kept at all).
        List<String> tokens = new ArrayList<>(List.of(".", "..", "ab", ".ab", "a.b", "ab.", "a..b", "a.b.",
                ".a.b", "a.b.c", "a.bc", "ab.c", "a.b.c.", JWS, JWS + "=", "x" + JWS));
        Random random = new Random(7);
        while (tokens.size() < 200) {
            String token = mutated(random, tokens.get(random.nextInt(tokens.size())));
            if (!token.isEmpty() && !tokens.contains(token)) {
                tokens.add(token);
            }
        }
        for (String kept : tokens) {
            VerifiedTokenCache cache = new VerifiedTokenCache(1_000, Clock.systemUTC());
            AuthResult.Authenticated result = identity(kept);
            cache.put(VerifiedTokenKey.of(kept), kept, result);
            cache.put(VerifiedTokenKey.of(kept), kept, result);
            for (String asked : tokens) {
                String header = "Bearer " + asked + " ";
                VerifiedTokenKey arrived = VerifiedTokenKey.ofAscii(header, 7, header.length() - 1);
                if (asked.equals(kept) && Token68.matches(kept)) {
                    assertSame(result, cache.get(arrived).join(), "'" + kept + "' is found by itself");
                } else {
                    assertNull(cache.get(arrived), "'" + kept + "' kept, '" + asked + "' asked");
                }
            }
        }
    }

    /** One character of {@code token} replaced, inserted or removed, from an alphabet dense in dots. */
    private static String mutated(Random random, String token) {
        String alphabet = "..abc=";
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        int at = random.nextInt(token.length() + 1);
        StringBuilder sb = new StringBuilder(token);
        switch (random.nextInt(3)) {
            case 0 -> sb.insert(at, c);
            case 1 -> {
                if (at < token.length()) {
                    sb.setCharAt(at, c);
                }
            }
            default -> {
                if (at < token.length()) {
                    sb.deleteCharAt(at);
                }
            }
        }
        return sb.toString();
    }

    @Test
    void aKeyFoundInsideAHeaderIsTheKeyOfTheTokensText() {
        String header = "Bearer  " + JWS + "  ";

        VerifiedTokenKey arrived = VerifiedTokenKey.ofAscii(header, 8, 8 + JWS.length());

        assertEquals(VerifiedTokenKey.of(JWS).lastSegment(), arrived.lastSegment());
        assertArrayEquals(VerifiedTokenKey.of(JWS).signingInput(), arrived.signingInput());
        assertTrue(arrived.signingInputEquals(VerifiedTokenKey.of(JWS).signingInput()));
        assertFalse(VerifiedTokenKey.ofAscii(header, 7, 8 + JWS.length())
                .signingInputEquals(arrived.signingInput()), "the range decides, not the header");
    }

    @Test
    void whatTheCacheKeepsIsTheSigningInputNeverTheSignatureNorTheHeader() {
        String header = "Bearer " + JWS;

        byte[] kept = VerifiedTokenKey.ofAscii(header, 7, header.length()).signingInput();

        assertEquals("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.", new String(kept, StandardCharsets.US_ASCII));
        assertEquals(0, VerifiedTokenKey.of("abc").signingInput().length, "no dot: all of it is hashed");
    }

    @Test
    void theHashIsTheSha256OfTheLastSegment() throws Exception {
        // SHA-256("abc") = ba7816bf8f01...
        assertEquals("ba7816bf8f01", VerifiedTokenKey.of("x.y.abc").shortHex());
        assertEquals("ba7816bf8f01", VerifiedTokenKey.of("abc").shortHex());
        assertEquals(TokenDigestTest.reference("c2lnbmF0dXJl"), VerifiedTokenKey.of(JWS).lastSegment());
        assertEquals(TokenDigestTest.reference(""), VerifiedTokenKey.of("a.b.").lastSegment());
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\u00e9", "a.b.a\u0100b", "a\u0141b.c", "x\uD83D\uDE00y", "\u0080", "a.ok\u20ac",
        "\u00ff.a", "a.b\u0141"})
    void aTokenWithAnyCharacterThatIsNotAsciiHasNoKeyWhereItArrives(String token) {
        assertNull(VerifiedTokenKey.ofAscii(token, 0, token.length()));
        String padded = "ok." + token + ".ok";
        assertNull(VerifiedTokenKey.ofAscii(padded, 0, padded.length()), "wherever it stands");
    }

    @Test
    void aCharacterAboveLatin1IsNotTakenForTheAsciiItsLowByteSpells() {
        // U+0141's low byte is 0x41, 'A'; U+012E's is 0x2E, '.'.
        assertNull(VerifiedTokenKey.ofAscii("a\u0141b.sig", 0, 7));
        assertNull(VerifiedTokenKey.ofAscii("a.b\u012Esig", 0, 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\u00e9", "a.b.a\u0141b", "a\u0141b.c", "x\uD83D\uDE00y"})
    void anyTextIsKeyedByItsUsAsciiEncodingForTheLog(String token) {
        String ascii = new String(token.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);

        assertEquals(VerifiedTokenKey.of(ascii).lastSegment(), VerifiedTokenKey.of(token).lastSegment());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 2047, 2048, 2049, 16 * 1024, 16 * 1024 + 1, 40_000})
    void everyLengthIsKeyedAndANonAsciiCharacterAnywhereRefused(int length) throws Exception {
        String signature = TokenDigestTest.token68(new Random(length), length, 0).replace('.', '_');
        String token = "h.p." + signature;

        assertEquals(TokenDigestTest.reference(signature), VerifiedTokenKey.ofAscii(token, 0, token.length()).lastSegment());
        for (int at : new int[] {0, token.length() / 2, token.length() - 1}) {
            String spoiled = token.substring(0, at) + '\u00e9' + token.substring(at + 1);
            assertNull(VerifiedTokenKey.ofAscii(spoiled, 0, spoiled.length()), "at " + at);
        }
        assertNotNull(VerifiedTokenKey.ofAscii(token, 0, token.length()), "the scratch is usable again");
    }

    @Test
    void itsTextNeverShowsInItsStringForm() {
        VerifiedTokenKey key = VerifiedTokenKey.of(JWS);

        assertFalse(key.toString().contains("eyJ"), key.toString());
        assertEquals("VerifiedTokenKey[" + key.shortHex() + "]", key.toString());
    }

    @Test
    void theScratchKeepsNothingOfTheTokenAfterKeyingOrComparing() {
        VerifiedTokenKey key = VerifiedTokenKey.ofAscii(JWS, 0, JWS.length());
        assertZeroed(JWS.length());

        assertTrue(key.signingInputEquals(key.signingInput()));
        assertZeroed(JWS.length());

        assertNull(VerifiedTokenKey.ofAscii(JWS + "\u00e9", 0, JWS.length() + 1));
        assertZeroed(JWS.length() + 1);
    }

    private static void assertZeroed(int length) {
        byte[] buffer = Sha256Scratch.get().input(length);
        byte[] used = new byte[length];
        System.arraycopy(buffer, 0, used, 0, length);
        assertArrayEquals(new byte[length], used);
    }

    @Test
    void aSecondVerifiedTokenWithTheSameSignatureTakesTheEntrysPlaceAndNeverAnswersForTheFirst() {
        VerifiedTokenCache cache = new VerifiedTokenCache(100, Clock.systemUTC());
        AuthResult.Authenticated alice = identity("alice");
        AuthResult.Authenticated mallory = identity("mallory");
        cache.put(VerifiedTokenKey.of("h.alice.sig"), "h.alice.sig", alice);
        cache.put(VerifiedTokenKey.of("h.alice.sig"), "h.alice.sig", alice);

        cache.put(VerifiedTokenKey.of("h.mallory.sig"), "h.mallory.sig", mallory);

        assertSame(mallory, cache.get(VerifiedTokenKey.of("h.mallory.sig")).join());
        assertNull(cache.get(VerifiedTokenKey.of("h.alice.sig")), "alice's text does not match mallory's entry");
    }
}
