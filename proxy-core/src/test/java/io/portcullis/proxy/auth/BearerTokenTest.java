package io.portcullis.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portcullis.identity.cache.VerifiedTokenKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.DEF-09_~+/", "bearer abc==", "BEARER  a.b.c ", "Bearer a"})
    void token68IsAccepted(String header) {
        BearerToken.Extraction e = BearerToken.extract(List.of(header));
        assertEquals(header.substring(7).trim(), e.token());
        assertNull(e.problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer a=b", "Bearer a b", "Bearer a!b", "Bearer café", "Bearer a\u0100b",
        "Bearer a\u007fb", "Bearer a\"b"})
    void anythingElseIsMalformedAndNoTokenIsReturned(String header) {
        BearerToken.Extraction e = BearerToken.extract(List.of(header));
        assertNull(e.token());
        assertFalse(e.present());
        assertEquals("token-malformed", e.problem());
    }

    @Test
    void schemeAndHeaderCountAreChecked() {
        assertEquals("credentials-unsupported-scheme", BearerToken.extract(List.of("Basic YTpi")).problem());
        assertEquals("multiple-authorization-headers",
                BearerToken.extract(List.of("Bearer a", "Bearer b")).problem());
        assertFalse(BearerToken.extract(List.of()).present());
        assertNull(BearerToken.extract(List.of()).problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc", " \tBearer abc== \t", "bearer \t  abc", "Bearer a.b.c\r\n"})
    void theTokenIsHashedWhereItLies(String header) {
        BearerToken.Extraction e = BearerToken.extract(List.of(header));

        String token = header.trim().substring(7).trim();
        assertEquals(token, e.token());
        assertEquals(VerifiedTokenKey.of(token).lastSegment(), e.presented().key().lastSegment());
    }

    @Test
    void hashedLeavesTheToken68CheckToTheCallerButRefusesNonAscii() {
        BearerToken.Extraction unchecked = BearerToken.hashed(List.of("Bearer a=b"));

        assertEquals("a=b", unchecked.token());
        assertEquals(VerifiedTokenKey.of("a=b").lastSegment(), unchecked.presented().key().lastSegment());
        assertEquals("token-malformed", BearerToken.checkedToken68(unchecked).problem());
        assertNull(BearerToken.checkedToken68(unchecked).token());
        assertEquals("token-malformed", BearerToken.hashed(List.of("Bearer a\u0141b")).problem());
        assertEquals("token-malformed", BearerToken.extract(List.of("Bearer a\u0141b.sig")).problem(),
                "not ASCII before the last dot: found by the token68 check");
        assertEquals("abc", BearerToken.checkedToken68(BearerToken.hashed(List.of("Bearer abc"))).token());
    }

    @Test
    void oversizeTokensAreMalformed() {
        String atLimit = "a".repeat(BearerToken.MAX_TOKEN_CHARS);

        assertEquals(atLimit, BearerToken.extract(List.of("Bearer " + atLimit)).token());
        assertEquals("token-malformed", BearerToken.extract(List.of("Bearer " + atLimit + "a")).problem());
    }

    /** The extraction before it worked on indices into the header (trim, substring, then a token68 scan). */
    private static List<String> copyingExtraction(String header) {
        String v = header.trim();
        if (v.length() < 7 || !v.regionMatches(true, 0, "Bearer", 0, 6) || v.charAt(6) != ' ') {
            return Arrays.asList(null, "credentials-unsupported-scheme");
        }
        String token = v.substring(7).trim();
        if (token.isEmpty() || token.length() > BearerToken.MAX_TOKEN_CHARS || !token.matches("[A-Za-z0-9._~+/-]*=*")) {
            return Arrays.asList(null, "token-malformed");
        }
        return Arrays.asList(token, null);
    }

    @Test
    void sameAnswersAsTheCopyingExtractionOnRandomHeaders() {
        String[] parts = {"Bearer", "bearer", "BEARER", "Basic", "Bearer:", " ", "\t", "\r\n", "\u000b", "=", "==",
            "abc", "A-z_0.9~+/", "!", "é", "\u0141", "\u0100", "\u007f", "\"", ","};
        Random random = new Random(6);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder header = new StringBuilder(i % 2 == 0 ? "Bearer " : "");
            int n = random.nextInt(7);
            for (int j = 0; j < n; j++) {
                header.append(parts[random.nextInt(parts.length)]);
            }
            BearerToken.Extraction e = BearerToken.extract(List.of(header.toString()));
            if (!copyingExtraction(header.toString()).equals(Arrays.asList(e.token(), e.problem()))) {
                differences.add(header.toString());
            }
        }
        assertEquals(List.of(), differences);
    }
}
