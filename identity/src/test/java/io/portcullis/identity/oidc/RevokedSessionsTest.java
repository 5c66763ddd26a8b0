package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevokedSessionsTest {

    private final TestClock clock = new TestClock();
    private final RevokedSessions revoked = new RevokedSessions(Duration.ofHours(12), clock);

    private Session session(String sid, Instant createdAt) {
        return new Session("id", "corp", "https://idp", "alice", Map.of(), sid, null, createdAt.plusSeconds(300),
                false, createdAt, createdAt.plus(Duration.ofHours(12)));
    }

    @Test
    void aRevokedSidEndsThatSessionOnlyAtThatIssuer() {
        revoked.revokeSid("corp", "sid-1");

        assertTrue(revoked.revoked(session("sid-1", clock.instant())));
        assertFalse(revoked.revoked(session("sid-2", clock.instant())));
        Session elsewhere = new Session("id", "partner", "https://p", "alice", Map.of(), "sid-1", null,
                clock.instant(), false, clock.instant(), clock.instant().plusSeconds(60));
        assertFalse(revoked.revoked(elsewhere));
    }

    @Test
    void aRevokedSubjectEndsOnlySessionsCreatedBeforeTheLogout() {
        Instant before = clock.instant();
        clock.advance(Duration.ofSeconds(5));
        revoked.revokeSubject("corp", "alice");
        clock.advance(Duration.ofSeconds(5));

        assertTrue(revoked.revoked(session(null, before)));
        assertFalse(revoked.revoked(session(null, clock.instant())));
    }

    @Test
    void aRevokedVerifiedEmailEndsSessionsCreatedBeforeIt() {
        Instant before = clock.instant();
        clock.advance(Duration.ofSeconds(5));
        revoked.revocations().revoke(new io.portcullis.identity.revocation.Revocation(
                io.portcullis.identity.revocation.Revocation.Kind.EMAIL, "corp", "alice@corp.example",
                clock.instant(), clock.instant().plus(Duration.ofHours(12))));
        clock.advance(Duration.ofSeconds(5));

        assertTrue(revoked.revoked(withEmail(Map.of("email", "ALICE@corp.example"), before)));
        assertFalse(revoked.revoked(withEmail(Map.of("email", "alice@corp.example"), clock.instant())), "signed in after");
        assertFalse(revoked.revoked(withEmail(Map.of("email", "alice@corp.example", "email_verified", false), before)));
        assertFalse(revoked.revoked(withEmail(Map.of("email", "bob@corp.example"), before)));
    }

    private static Session withEmail(Map<String, Object> claims, Instant createdAt) {
        return new Session("id", "corp", "https://idp", "someone", claims, null, null, createdAt.plusSeconds(300),
                false, createdAt, createdAt.plus(Duration.ofHours(12)));
    }

    @Test
    void aLocalLogoutEndsThatSessionOnly() {
        Session mine = session("sid-1", clock.instant());
        Session other = new Session("other-id", "corp", "https://idp", "alice", Map.of(), "sid-1", null,
                clock.instant(), false, clock.instant(), clock.instant().plusSeconds(60));

        revoked.revokeSession(mine.id());

        assertTrue(revoked.revoked(mine));
        assertFalse(revoked.revoked(other));
    }

    @Test
    void revocationsAreForgottenAfterOneSessionLifetime() {
        revoked.revokeSid("corp", "sid-1");
        Session s = session("sid-1", clock.instant());

        clock.advance(Duration.ofHours(12).plusSeconds(1));

        assertFalse(revoked.revoked(s));
    }
}
