package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.AuthFailure;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClaimsRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final long NOW_S = NOW.getEpochSecond();
    private static final IssuerConfig ISSUER = new IssuerConfig("corp", "https://idp", null, true,
            List.of("app-a", "app-b"), List.of("RS256"), Duration.ofSeconds(60), Duration.ofHours(1), null);

    /** Valid claims as JSON members, in order; a test replaces or removes one. */
    private static Map<String, String> valid() {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("iss", "\"https://idp\"");
        members.put("sub", "\"alice\"");
        members.put("aud", "\"app-b\"");
        members.put("iat", String.valueOf(NOW_S - 10));
        members.put("exp", String.valueOf(NOW_S + 300));
        return members;
    }

    private static AuthFailure with(String name, String json) throws ParseException {
        Map<String, String> members = valid();
        if (json == null) {
            members.remove(name);
        } else {
            members.put(name, json);
        }
        String payload = members.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        return ClaimsRules.check(TokenClaims.parse(payload), ISSUER, NOW);
    }

    @Test
    void acceptsValidClaims() throws Exception {
        assertNull(with("jti", "\"j-1\""));
    }

    @Test
    void expiryHonoursSkewAndIsExclusive() throws Exception {
        assertNull(with("exp", String.valueOf(NOW_S - 59)));
        assertEquals(AuthFailure.EXPIRED, with("exp", String.valueOf(NOW_S - 60)));
        assertEquals(AuthFailure.CLAIMS_INVALID, with("exp", null));
        assertEquals(AuthFailure.CLAIMS_INVALID, with("exp", "null"));
    }

    @Test
    void aFractionalTimeCountsItsWholeSecondsOnly() throws Exception {
        assertEquals(AuthFailure.EXPIRED, with("exp", (NOW_S - 60) + ".999"));
        assertNull(with("nbf", (NOW_S + 60) + ".999"));
    }

    @Test
    void notBeforeAndIssuedAtHonourSkew() throws Exception {
        assertNull(with("nbf", String.valueOf(NOW_S + 60)));
        assertEquals(AuthFailure.NOT_YET_VALID, with("nbf", String.valueOf(NOW_S + 61)));
        assertEquals(AuthFailure.NOT_YET_VALID, with("iat", String.valueOf(NOW_S + 61)));
    }

    @Test
    void audienceMustContainAConfiguredOne() throws Exception {
        assertNull(with("aud", "[\"other\",\"app-a\"]"));
        assertEquals(AuthFailure.AUDIENCE_INVALID, with("aud", "\"APP-A\""));
        assertEquals(AuthFailure.AUDIENCE_INVALID, with("aud", "null"));
        assertEquals(AuthFailure.AUDIENCE_INVALID, with("aud", "[]"));
    }

    @Test
    void aNullInTheAudienceMatchesNothing() throws Exception {
        assertEquals(AuthFailure.AUDIENCE_INVALID, with("aud", "[null]"));
        assertEquals(AuthFailure.AUDIENCE_INVALID, with("aud", "[\"other\",null]"));
        assertNull(with("aud", "[null,\"app-a\"]"));
    }

    @Test
    void subjectMustBeANonBlankString() throws Exception {
        assertEquals(AuthFailure.CLAIMS_INVALID, with("sub", null));
        assertEquals(AuthFailure.CLAIMS_INVALID, with("sub", "\"\""));
        assertEquals(AuthFailure.CLAIMS_INVALID, with("sub", "\" \""));
        // Nimbus reads a numeric subject as its text, and so does TokenClaims: a present subject.
        assertNull(with("sub", "42"));
    }
}
