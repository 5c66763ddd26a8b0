package io.portcullis.identity.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The issuer sessions and users a back-channel logout ended, remembered for one session lifetime (no
 * session issued before the logout can outlive that). Bounded: when full, the oldest entries go first.
 * A revoked {@code sub} ends only sessions created before the logout, so the user can sign in again.
 */
public final class RevokedSessions {

    static final long MAX_ENTRIES = 100_000;

    private final Cache<String, Instant> sids;
    private final Cache<String, Instant> subjects;
    private final Clock clock;

    public RevokedSessions(Duration sessionTtl, Clock clock) {
        this.clock = clock;
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.sids = Caffeine.newBuilder().executor(Runnable::run).maximumSize(MAX_ENTRIES).expireAfterWrite(sessionTtl).ticker(ticker).build();
        this.subjects = Caffeine.newBuilder().executor(Runnable::run).maximumSize(MAX_ENTRIES).expireAfterWrite(sessionTtl).ticker(ticker).build();
    }

    /** Ends one of our own sessions (a local logout), so a copy of its cookie is worthless too. */
    public void revokeSession(String sessionId) {
        sids.put("\u0001" + sessionId, clock.instant());
    }

    public void revokeSid(String issuerId, String sid) {
        sids.put(issuerId + "\u0000" + sid, clock.instant());
    }

    public void revokeSubject(String issuerId, String subject) {
        subjects.put(issuerId + "\u0000" + subject, clock.instant());
    }

    /** True when a back-channel logout ended this session. */
    public boolean revoked(Session session) {
        if (sids.getIfPresent("\u0001" + session.id()) != null) {
            return true;
        }
        if (session.idpSessionId() != null
                && sids.getIfPresent(session.issuerId() + "\u0000" + session.idpSessionId()) != null) {
            return true;
        }
        Instant subjectLogout = subjects.getIfPresent(session.issuerId() + "\u0000" + session.subject());
        return subjectLogout != null && !session.createdAt().isAfter(subjectLogout);
    }
}
