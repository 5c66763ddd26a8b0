package io.portcullis.identity.oidc;

import io.portcullis.identity.revocation.LocalRevocations;
import io.portcullis.identity.revocation.Revocation;
import io.portcullis.identity.revocation.Revocations;
import io.portcullis.identity.revocation.TokenRevocationCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The SSO sessions that logouts ended: our own sessions (local logout), issuer sessions and users
 * (back-channel logout), each remembered for one session lifetime (no session issued before the
 * logout can outlive that). Written to and read from {@link Revocations}: in memory by default, the
 * shared store's mirror when replicas share state, so a logout on one replica ends the session on all.
 * A revoked {@code sub} ends only sessions created before the logout, so the user can sign in again.
 */
public final class RevokedSessions {

    private final Revocations revocations;
    private final Duration sessionTtl;
    private final Clock clock;

    /** Revocations kept in this process only. */
    public RevokedSessions(Duration sessionTtl, Clock clock) {
        this(new LocalRevocations(clock), sessionTtl, clock);
    }

    public RevokedSessions(Revocations revocations, Duration sessionTtl, Clock clock) {
        this.revocations = revocations;
        this.sessionTtl = sessionTtl;
        this.clock = clock;
    }

    /** Ends one of our own sessions (a local logout), so a copy of its cookie is worthless too. */
    public void revokeSession(String sessionId) {
        revoke(Revocation.Kind.SESSION, "", sessionId);
    }

    public void revokeSid(String issuerId, String sid) {
        revoke(Revocation.Kind.SID, issuerId, sid);
    }

    public void revokeSubject(String issuerId, String subject) {
        revoke(Revocation.Kind.SUBJECT, issuerId, subject);
    }

    private void revoke(Revocation.Kind kind, String issuerId, String value) {
        Instant now = clock.instant();
        revocations.revoke(new Revocation(kind, issuerId, value, now, now.plus(sessionTtl)));
    }

    /**
     * True when a logout ended this session: itself, its issuer session ({@code sid}), or its subject
     * at or after the session was created.
     */
    public boolean revoked(Session session) {
        if (!revocations.noneOf(Revocation.Kind.SESSION)
                && revocations.revokedAt(Revocation.Kind.SESSION, "", session.id()) != null) {
            return true;
        }
        if (session.idpSessionId() != null && !revocations.noneOf(Revocation.Kind.SID)
                && revocations.revokedAt(Revocation.Kind.SID, session.issuerId(), session.idpSessionId()) != null) {
            return true;
        }
        Instant subjectLogout = revocations.noneOf(Revocation.Kind.SUBJECT) ? null
                : revocations.revokedAt(Revocation.Kind.SUBJECT, session.issuerId(), session.subject());
        if (subjectLogout != null && !session.createdAt().isAfter(subjectLogout)) {
            return true;
        }
        if (revocations.noneOf(Revocation.Kind.EMAIL)) {
            return false;
        }
        String email = TokenRevocationCheck.verifiedEmail(session.claims());
        Instant emailRevoked = email == null ? null : revocations.revokedAt(Revocation.Kind.EMAIL, session.issuerId(), email);
        return emailRevoked != null && !session.createdAt().isAfter(emailRevoked);
    }

    /** Where the revocations are kept. */
    public Revocations revocations() {
        return revocations;
    }
}
