package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SsoServiceSessionTest {

    private final TestClock clock = new TestClock();
    private final MockIdp idp = new MockIdp();
    private final SsoService sso = SsoService.start(MockIdp.ssoConfig(Duration.ofHours(1)), idp.issuerConfig(),
            MockIdp.randomKeys(), new RevokedSessions(Duration.ofHours(1), clock), clock);

    @AfterEach
    void stop() {
        sso.close();
        idp.close();
    }

    private Session login(Map<String, Object> claims, long accessLifetimeSeconds) {
        idp.server.enqueueCallback(new DefaultOAuth2TokenCallback(MockIdp.ISSUER_ID, "alice", "JWT",
                List.of(MockIdp.CLIENT_ID), claims, accessLifetimeSeconds));
        LoginStart start = Futures.value(sso.startLogin("/", StepUp.NONE));
        String code = MockIdp.queryParam(idp.authorize(start.authorizationUri()), "code");
        return Futures.value(sso.finishLogin(start.state(), code));
    }

    @Test
    void aSessionWithTimeLeftIsUsedAsIs() {
        Session session = login(Map.of(), 300);

        SessionStatus.Active active = assertInstanceOf(SessionStatus.Active.class, Futures.value(sso.resume(session)));

        assertSame(session, active.session());
        assertFalse(active.changed());
    }

    @Test
    void anAccessTokenAboutToExpireIsRefreshed() {
        Session session = login(Map.of("groups", List.of("staff")), 300);
        clock.advance(Duration.ofSeconds(290));

        SessionStatus.Active active = assertInstanceOf(SessionStatus.Active.class, Futures.value(sso.resume(session)));

        assertTrue(active.changed());
        assertEquals(session.id(), active.session().id(), "a refresh keeps the session");
        assertEquals("alice", active.session().subject());
        assertTrue(active.session().accessExpiresAt().isAfter(session.accessExpiresAt()));
        assertEquals(session.expiresAt(), active.session().expiresAt(), "refreshing never extends the session");
    }

    @Test
    void parallelRequestsShareOneRefresh() {
        Session session = login(Map.of(), 300);
        clock.advance(Duration.ofSeconds(290));

        var first = sso.resume(session);
        var second = sso.resume(session);

        assertSame(first, second);
        assertInstanceOf(SessionStatus.Active.class, Futures.value(first));
    }

    @Test
    void anIdpThatIsDownDuringRefreshEndsTheSession() {
        Session session = login(Map.of(), 300);
        clock.advance(Duration.ofSeconds(290));
        idp.close();

        SessionStatus.Ended ended = assertInstanceOf(SessionStatus.Ended.class, Futures.value(sso.resume(session)));

        assertEquals("session-refresh-failed", ended.reason());
    }

    @Test
    void aRefusedRefreshTokenEndsTheSession() {
        Session session = login(Map.of(), 300);
        Session forged = new Session(session.id(), session.issuerId(), session.issuer(), session.subject(),
                session.claims(), null, "made-up-refresh-token", session.accessExpiresAt(), false, session.createdAt(),
                session.expiresAt());
        clock.advance(Duration.ofSeconds(290));

        SessionStatus.Ended ended = assertInstanceOf(SessionStatus.Ended.class, Futures.value(sso.resume(forged)));

        assertEquals("session-refresh-failed", ended.reason());
    }

    @Test
    void anExpiredSessionEnds() {
        Session session = login(Map.of(), 300);
        clock.advance(Duration.ofHours(1));

        assertEquals("session-expired",
                assertInstanceOf(SessionStatus.Ended.class, Futures.value(sso.resume(session))).reason());
        assertEquals(null, sso.sessions().decode(sso.sessions().encode(session)), "its cookie no longer opens");
    }

    @Test
    void aBackChannelLogoutBySidEndsThatSessionOnly() {
        Session mine = login(Map.of("sid", "idp-sid-1"), 300);
        Session other = login(Map.of("sid", "idp-sid-2"), 300);

        Futures.value(sso.backchannelLogout(logoutToken(Map.of("sid", "idp-sid-1"))));

        assertEquals("session-revoked",
                assertInstanceOf(SessionStatus.Ended.class, Futures.value(sso.resume(mine))).reason());
        assertInstanceOf(SessionStatus.Active.class, Futures.value(sso.resume(other)));
    }

    @Test
    void aBackChannelLogoutBySubEndsEarlierSessionsButNotLaterLogins() {
        Session before = login(Map.of(), 300);

        Futures.value(sso.backchannelLogout(logoutToken(Map.of())));
        clock.advance(Duration.ofSeconds(1));
        Session after = login(Map.of(), 300);

        assertInstanceOf(SessionStatus.Ended.class, Futures.value(sso.resume(before)));
        assertInstanceOf(SessionStatus.Active.class, Futures.value(sso.resume(after)));
    }

    @Test
    void logoutTokensThatAreNotValidAreRefusedAndRevokeNothing() {
        Session session = login(Map.of("sid", "idp-sid-1"), 300);
        Map<String, Object> events = Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of());

        // No events claim: an ID token or access token must never pass as a logout token.
        assertEquals("logout-token-invalid", Futures.failure(sso.backchannelLogout(
                idp.server.issueToken(MockIdp.ISSUER_ID, "alice", MockIdp.CLIENT_ID, Map.of("sid", "idp-sid-1"), 60)
                        .serialize())));
        // A nonce is forbidden in a logout token.
        assertEquals("logout-token-invalid", Futures.failure(sso.backchannelLogout(idp.server.issueToken(
                MockIdp.ISSUER_ID, "alice", MockIdp.CLIENT_ID, Map.of("sid", "idp-sid-1", "events", events,
                        "nonce", "n"), 60).serialize())));
        // Another audience.
        assertEquals("logout-token-invalid", Futures.failure(sso.backchannelLogout(idp.server.issueToken(
                MockIdp.ISSUER_ID, "alice", "another-client", Map.of("sid", "idp-sid-1", "events", events), 60)
                .serialize())));
        // Another issuer.
        assertEquals("logout-token-invalid", Futures.failure(sso.backchannelLogout(idp.server.issueToken(
                "elsewhere", "alice", MockIdp.CLIENT_ID, Map.of("sid", "idp-sid-1", "events", events), 60)
                .serialize())));
        assertEquals("logout-token-malformed", Futures.failure(sso.backchannelLogout("not-a-jwt")));

        assertInstanceOf(SessionStatus.Active.class, Futures.value(sso.resume(session)));
    }

    private String logoutToken(Map<String, Object> claims) {
        Map<String, Object> all = new java.util.HashMap<>(claims);
        all.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        return idp.server.issueToken(MockIdp.ISSUER_ID, "alice", MockIdp.CLIENT_ID, all, 60).serialize();
    }
}
