package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SsoServiceLoginTest {

    private final MockIdp idp = new MockIdp();
    private final SsoService sso = SsoService.start(MockIdp.ssoConfig(Duration.ofHours(12)), idp.issuerConfig(),
            MockIdp.randomKeys(), new RevokedSessions(Duration.ofHours(12), Clock.systemUTC()), Clock.systemUTC());

    @AfterEach
    void stop() {
        sso.close();
        idp.close();
    }

    @Test
    void authorizationRequestCarriesPkceStateNonceAndOurRedirectUri() {
        LoginStart start = Futures.value(sso.startLogin("/reports?year=2026", StepUp.NONE));

        URI uri = start.authorizationUri();
        assertTrue(uri.toString().startsWith(idp.issuer() + "/authorize?"), uri.toString());
        assertEquals("S256", MockIdp.queryParam(uri, "code_challenge_method"));
        assertNotNull(MockIdp.queryParam(uri, "code_challenge"));
        assertNull(MockIdp.queryParam(uri, "code_verifier"), "the verifier never leaves the proxy");
        assertEquals(start.state().state(), MockIdp.queryParam(uri, "state"));
        assertEquals(start.state().nonce(), MockIdp.queryParam(uri, "nonce"));
        assertEquals("http://127.0.0.1:8080/.portcullis/callback", MockIdp.queryParam(uri, "redirect_uri"));
        assertEquals("openid email profile", MockIdp.queryParam(uri, "scope"));
        assertNull(MockIdp.queryParam(uri, "prompt"));
        assertEquals("/reports?year=2026", start.state().returnTo());
        assertEquals(start.state().state(), sso.loginStates().decode(start.sealedState()).state());
    }

    @Test
    void stepUpAsksForAFreshLoginAtTheRequiredLevel() {
        URI uri = Futures.value(sso.startLogin("/", new StepUp(true, 3600L, List.of("gold", "silver"))))
                .authorizationUri();

        assertEquals("login", MockIdp.queryParam(uri, "prompt"));
        assertEquals("3600", MockIdp.queryParam(uri, "max_age"));
        assertEquals("gold silver", MockIdp.queryParam(uri, "acr_values"));
    }

    @Test
    void finishLoginCreatesAFreshSessionFromTheIdToken() {
        idp.server.enqueueCallback(new DefaultOAuth2TokenCallback(MockIdp.ISSUER_ID, "alice", "JWT",
                List.of(MockIdp.CLIENT_ID), Map.of("groups", List.of("admins"), "email", "alice@corp.example",
                        "amr", List.of("pwd", "otp"), "sid", "idp-session-1"), 300));
        LoginStart start = Futures.value(sso.startLogin("/app", StepUp.NONE));
        URI callback = idp.authorize(start.authorizationUri());
        assertEquals(start.state().state(), MockIdp.queryParam(callback, "state"));

        Session session = Futures.value(sso.finishLogin(start.state(), MockIdp.queryParam(callback, "code")));

        assertEquals("alice", session.subject());
        assertEquals(MockIdp.ISSUER_ID, session.issuerId());
        assertEquals(List.of("admins"), session.claims().get("groups"));
        assertEquals("alice@corp.example", session.claims().get("email"));
        assertEquals(List.of("pwd", "otp"), session.claims().get("amr"));
        assertEquals("idp-session-1", session.idpSessionId());
        assertFalse(session.claims().containsKey("nonce"), "protocol claims stay out of the session");
        assertFalse(session.claims().containsKey("aud"));
        assertNotNull(session.refreshToken());
        assertTrue(session.accessExpiresAt().isAfter(Instant.now()));
        assertTrue(session.expiresAt().isAfter(Instant.now().plus(Duration.ofHours(11))));
        Session decoded = sso.sessions().decode(sso.sessions().encode(session));
        assertEquals(session.id(), decoded.id());
        assertEquals(session.claims(), decoded.claims());
    }

    @Test
    void everyLoginGetsANewSessionId() {
        Session first = login();
        Session second = login();

        assertNotEquals(first.id(), second.id());
    }

    @Test
    void aReplayedCodeIsRefused() {
        LoginStart start = Futures.value(sso.startLogin("/", StepUp.NONE));
        String code = MockIdp.queryParam(idp.authorize(start.authorizationUri()), "code");
        Futures.value(sso.finishLogin(start.state(), code));

        assertEquals("token-exchange-failed", Futures.failure(sso.finishLogin(start.state(), code)));
    }

    @Test
    void anIdTokenForAnotherNonceIsRefused() {
        LoginStart start = Futures.value(sso.startLogin("/", StepUp.NONE));
        String code = MockIdp.queryParam(idp.authorize(start.authorizationUri()), "code");
        LoginState otherNonce = new LoginState(start.state().state(), "another-nonce", start.state().codeVerifier(),
                "/", false, start.state().expiresAt());

        assertEquals("id-token-invalid", Futures.failure(sso.finishLogin(otherNonce, code)));
    }

    private Session login() {
        LoginStart start = Futures.value(sso.startLogin("/", StepUp.NONE));
        String code = MockIdp.queryParam(idp.authorize(start.authorizationUri()), "code");
        return Futures.value(sso.finishLogin(start.state(), code));
    }
}
