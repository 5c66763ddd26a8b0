package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        return login("alice", claims, accessLifetimeSeconds);
    }

    private Session login(String subject, Map<String, Object> claims, long accessLifetimeSeconds) {
        idp.server.enqueueCallback(new DefaultOAuth2TokenCallback(MockIdp.ISSUER_ID, subject, "JWT",
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
        assertNotNull(active.session().idToken());
        assertNotEquals(session.idToken(), active.session().idToken(), "the logout hint is the refresh's ID token");
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

    private RSAKey issuerKey(String kid) throws Exception {
        HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                idp.server.jwksUrl(MockIdp.ISSUER_ID).uri()).build(), HttpResponse.BodyHandlers.ofString());
        return JWKSet.parse(jwks.body()).getKeyByKeyId(kid).toRSAKey();
    }

    @Test
    void logoutSendsTheIdTokenTheIssuerSignedForThisClientAndThisUserAsTheHint() throws Exception {
        Session session = login("alice", Map.of(), 300);

        URI redirect = Futures.value(sso.logoutRedirect(session));

        assertTrue(redirect.toString().startsWith(idp.server.endSessionEndpointUrl(MockIdp.ISSUER_ID).toString()),
                redirect.toString());
        SignedJWT hint = SignedJWT.parse(MockIdp.queryParam(redirect, "id_token_hint"));
        assertTrue(hint.verify(new RSASSAVerifier(issuerKey(hint.getHeader().getKeyID()))), "signed by the issuer");
        assertEquals(idp.issuer(), hint.getJWTClaimsSet().getIssuer());
        assertEquals(List.of(MockIdp.CLIENT_ID), hint.getJWTClaimsSet().getAudience());
        assertEquals("alice", hint.getJWTClaimsSet().getSubject());
        assertEquals(MockIdp.CLIENT_ID, MockIdp.queryParam(redirect, "client_id"), "client_id is still sent");
        assertEquals("http://127.0.0.1:8080", MockIdp.queryParam(redirect, "post_logout_redirect_uri"));
    }

    @Test
    void eachSessionLogsOutWithOnlyItsOwnIdToken() throws Exception {
        Session alice = login("alice", Map.of(), 300);
        Session bob = login("bob", Map.of(), 300);

        String aliceHint = MockIdp.queryParam(Futures.value(sso.logoutRedirect(alice)), "id_token_hint");
        String bobHint = MockIdp.queryParam(Futures.value(sso.logoutRedirect(bob)), "id_token_hint");

        assertEquals(alice.idToken(), aliceHint);
        assertEquals(bob.idToken(), bobHint);
        assertEquals("bob", SignedJWT.parse(bobHint).getJWTClaimsSet().getSubject());
    }

    @Test
    void logoutWithoutASessionOrWithAnotherIssuersSessionSendsNoHint() {
        Session alice = login("alice", Map.of(), 300);
        Session elsewhere = new Session(alice.id(), "partner", "https://partner.example", alice.subject(),
                alice.claims(), null, null, alice.accessExpiresAt(), false, alice.createdAt(), alice.expiresAt(),
                alice.idToken());

        URI anonymous = Futures.value(sso.logoutRedirect(null));
        URI foreign = Futures.value(sso.logoutRedirect(elsewhere));

        assertNull(MockIdp.queryParam(anonymous, "id_token_hint"));
        assertNull(MockIdp.queryParam(foreign, "id_token_hint"));
        assertNotNull(MockIdp.queryParam(foreign, "client_id"));
    }

    private String logoutToken(Map<String, Object> claims) {
        Map<String, Object> all = new java.util.HashMap<>(claims);
        all.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        return idp.server.issueToken(MockIdp.ISSUER_ID, "alice", MockIdp.CLIENT_ID, all, 60).serialize();
    }
}
