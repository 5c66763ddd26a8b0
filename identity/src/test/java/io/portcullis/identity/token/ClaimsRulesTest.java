package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jwt.JWTClaimsSet;
import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.AuthFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimsRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final IssuerConfig ISSUER = new IssuerConfig("corp", "https://idp", null, true,
            List.of("app-a", "app-b"), List.of("RS256"), Duration.ofSeconds(60), Duration.ofHours(1), null);

    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().issuer("https://idp").subject("alice").audience("app-b")
                .issueTime(Date.from(NOW.minusSeconds(10))).expirationTime(Date.from(NOW.plusSeconds(300)));
    }

    private static AuthFailure check(JWTClaimsSet.Builder claims) {
        return ClaimsRules.check(claims.build(), ISSUER, NOW);
    }

    @Test
    void acceptsValidClaims() {
        assertNull(check(valid()));
    }

    @Test
    void expiryHonoursSkewAndIsExclusive() {
        assertNull(check(valid().expirationTime(Date.from(NOW.minusSeconds(59)))));
        assertEquals(AuthFailure.EXPIRED, check(valid().expirationTime(Date.from(NOW.minusSeconds(60)))));
        assertEquals(AuthFailure.CLAIMS_INVALID, check(valid().expirationTime(null)));
        assertEquals(AuthFailure.CLAIMS_INVALID, check(valid().claim("exp", "tomorrow")));
    }

    @Test
    void notBeforeAndIssuedAtHonourSkew() {
        assertNull(check(valid().notBeforeTime(Date.from(NOW.plusSeconds(60)))));
        assertEquals(AuthFailure.NOT_YET_VALID, check(valid().notBeforeTime(Date.from(NOW.plusSeconds(61)))));
        assertEquals(AuthFailure.NOT_YET_VALID, check(valid().issueTime(Date.from(NOW.plusSeconds(61)))));
    }

    @Test
    void audienceMustContainAConfiguredOne() {
        assertNull(check(valid().audience(List.of("other", "app-a"))));
        assertEquals(AuthFailure.AUDIENCE_INVALID, check(valid().audience("APP-A")));
        assertEquals(AuthFailure.AUDIENCE_INVALID, check(valid().audience((String) null)));
    }

    @Test
    void subjectMustBeANonBlankString() {
        assertEquals(AuthFailure.CLAIMS_INVALID, check(valid().subject(null)));
        assertEquals(AuthFailure.CLAIMS_INVALID, check(valid().subject("")));
        assertEquals(AuthFailure.CLAIMS_INVALID, check(valid().claim("sub", 42)));
    }
}
