package io.portcullis.identity.revocation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.identity.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bearer tokens against revocations by jti, sid and subject-before-time, in memory. */
class TokenRevocationCheckTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final LocalRevocations revocations = new LocalRevocations(Clock.fixed(NOW, ZoneOffset.UTC));

    private static Identity token(String jti, String sid, Instant iat) {
        Map<String, Object> claims = new HashMap<>();
        if (jti != null) {
            claims.put("jti", jti);
        }
        if (sid != null) {
            claims.put("sid", sid);
        }
        if (iat != null) {
            claims.put("iat", iat.getEpochSecond());
        }
        return new Identity("corp", "https://idp", "alice", claims, NOW.plusSeconds(300), "ref");
    }

    private void revoke(Revocation.Kind kind, String value, Instant at) {
        revocations.revoke(new Revocation(kind, "corp", value, at, NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void nothingRevokedAllows() {
        assertFalse(TokenRevocationCheck.revoked(revocations, token("j1", "s1", NOW)));
    }

    @Test
    void jtiAndSidRevokeOnlyThatTokenAndSession() {
        revoke(Revocation.Kind.JTI, "j1", NOW);
        revoke(Revocation.Kind.SID, "s9", NOW);
        assertTrue(TokenRevocationCheck.revoked(revocations, token("j1", "s1", NOW)));
        assertTrue(TokenRevocationCheck.revoked(revocations, token("j2", "s9", NOW)));
        assertFalse(TokenRevocationCheck.revoked(revocations, token("j2", "s1", NOW)));
    }

    @Test
    void subjectRevokesTokensIssuedUpToThenAndThoseWithoutIat() {
        revoke(Revocation.Kind.SUBJECT, "alice", NOW);
        assertTrue(TokenRevocationCheck.revoked(revocations, token("j1", null, NOW.minusSeconds(60))));
        assertTrue(TokenRevocationCheck.revoked(revocations, token("j1", null, NOW)));
        assertTrue(TokenRevocationCheck.revoked(revocations, token("j1", null, null)), "unknown iat never allows");
        assertFalse(TokenRevocationCheck.revoked(revocations, token("j1", null, NOW.plusSeconds(1))));
    }

    private static Identity withEmail(String email, Object verified, Instant iat) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("email", email);
        if (verified != null) {
            claims.put("email_verified", verified);
        }
        claims.put("iat", iat.getEpochSecond());
        return new Identity("corp", "https://idp", "someone", claims, NOW.plusSeconds(300), "ref");
    }

    @Test
    void aVerifiedEmailRevokesTokensIssuedUpToThenWhateverTheCase() {
        revoke(Revocation.Kind.EMAIL, "alice@corp.example", NOW);
        assertTrue(TokenRevocationCheck.revoked(revocations, withEmail("Alice@Corp.Example", true, NOW.minusSeconds(5))));
        assertTrue(TokenRevocationCheck.revoked(revocations, withEmail("alice@corp.example", null, NOW)),
                "a token without email_verified: its issuer asserted the address");
        assertFalse(TokenRevocationCheck.revoked(revocations, withEmail("alice@corp.example", false, NOW)),
                "an address its issuer calls unverified names nobody");
        assertFalse(TokenRevocationCheck.revoked(revocations, withEmail("alice@corp.example", true, NOW.plusSeconds(1))));
        assertFalse(TokenRevocationCheck.revoked(revocations, withEmail("bob@corp.example", true, NOW)));
    }

    @Test
    void anotherIssuersSameValuesAreNotRevoked() {
        revocations.revoke(new Revocation(Revocation.Kind.JTI, "other", "j1", NOW, NOW.plusSeconds(60)));
        assertFalse(TokenRevocationCheck.revoked(revocations, token("j1", null, NOW)));
    }

    @Test
    void entriesEndAtTheirUntilAndAPastOneIsNotKept() {
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        LocalRevocations local = new LocalRevocations(moving);
        local.revoke(new Revocation(Revocation.Kind.JTI, "corp", "j1", NOW, NOW.plusSeconds(60)));
        local.revoke(new Revocation(Revocation.Kind.JTI, "corp", "old", NOW, NOW.minusSeconds(1)));
        assertTrue(local.revokedAt(Revocation.Kind.JTI, "corp", "j1") != null);
        assertNull(local.revokedAt(Revocation.Kind.JTI, "corp", "old"));
        now[0] = NOW.plusSeconds(61);
        assertNull(local.revokedAt(Revocation.Kind.JTI, "corp", "j1"));
    }
}
