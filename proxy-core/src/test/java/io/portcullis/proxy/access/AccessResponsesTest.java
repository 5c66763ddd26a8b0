package io.portcullis.proxy.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.oidc.Session;
import io.portcullis.identity.oidc.StepUp;
import io.portcullis.policy.Decision;
import io.portcullis.policy.Outcome;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of decision mapped to its answer, for an API client and for a browser on a login route. */
class AccessResponsesTest {

    private static Route api;
    private static Route login;

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        PortcullisConfig config = LoginConfigs.withLogin(dir, """
                routes:
                  - id: api
                    match: { path_prefix: /api }
                    upstream: http://127.0.0.1:9
                    policy: p
                  - id: app
                    match: { path_prefix: / }
                    upstream: http://127.0.0.1:9
                    policy: p
                    login: true
                policies:
                  p:
                    allow: { authenticated: true }
                """);
        RuntimeConfig runtime = RuntimeConfig.of(config, ConfigCompiler.compile(config).policies(), null);
        api = runtime.router().match("app.test", "/api/x", "GET");
        login = runtime.router().match("app.test", "/page", "GET");
    }

    private static AccessRequest request(Route route, String method, String accept, String authorization) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new AccessRequest(new AccessRequest.Target(route, method, "app.test", "/x", null, null), name -> {
            if (name.equalsIgnoreCase("Accept") && accept != null) {
                return List.of(accept);
            }
            return name.equalsIgnoreCase("Authorization") && authorization != null ? List.of(authorization) : List.of();
        }, new AccessRequest.Peer(loopback, loopback, null), Instant.now(), "r1");
    }

    private static AccessDecision decision(Verdict.Kind kind, String reason) {
        return new AccessDecision(new Verdict(kind, List.of(reason), null, null, null, null),
                new SessionOutcome(null, List.of("_portcullis=; Max-Age=0")), null, null);
    }

    private static AccessResponse answer(AccessRequest request, AccessDecision decision) {
        return AccessResponses.of(request, decision, true, Clock.systemUTC());
    }

    @Test
    void anApiClientGetsStatusAndChallengeAndEveryAnswerCarriesTheSessionCookies() {
        AccessRequest request = request(api, "GET", "application/json", null);

        AccessResponse forward = answer(request, decision(Verdict.Kind.FORWARD, "allowed"));
        AccessResponse missing = answer(request, decision(Verdict.Kind.UNAUTHENTICATED, "token-missing"));
        AccessResponse refused = answer(request, decision(Verdict.Kind.UNAUTHENTICATED, "token-expired"));
        AccessResponse ambiguous = answer(request, decision(Verdict.Kind.BAD_REQUEST, "multiple-authorization-headers"));
        AccessResponse denied = answer(request, decision(Verdict.Kind.FORBIDDEN, "device-not-compliant"));

        assertEquals(AccessResponse.Action.FORWARD, forward.action());
        assertEquals(401, missing.status());
        assertEquals("Bearer realm=\"portcullis\"", missing.wwwAuthenticate());
        assertEquals("Bearer realm=\"portcullis\", error=\"invalid_token\", error_description=\"token-expired\"",
                refused.wwwAuthenticate());
        assertEquals(400, ambiguous.status());
        assertTrue(ambiguous.close(), "an ambiguous request closes the connection");
        assertEquals(403, denied.status());
        assertNull(denied.wwwAuthenticate());
        assertFalse(denied.close());
        for (AccessResponse r : List.of(forward, missing, refused, ambiguous, denied)) {
            assertEquals(List.of("_portcullis=; Max-Age=0"), r.setCookies());
        }
    }

    @Test
    void aStepUpIsAnRfc9470ChallengeForAnApiClient() {
        AccessResponse r = answer(request(api, "GET", null, null), decision(Verdict.Kind.CHALLENGE, "mfa-required"));

        assertEquals(401, r.status());
        assertTrue(r.wwwAuthenticate().contains("error=\"insufficient_user_authentication\""), r.wwwAuthenticate());
    }

    @Test
    void aRateLimitedRequestIs429WithRetryAfter() {
        AccessDecision limited = new AccessDecision(new Verdict(Verdict.Kind.FORBIDDEN, List.of("rate-limited"), null,
                null, null, null), SessionOutcome.NONE, new AccessDecision.RateLimited(null, 7), null);

        AccessResponse r = answer(request(api, "GET", null, null), limited);

        assertEquals(429, r.status());
        assertEquals(7, r.retryAfterSeconds());
    }

    @Test
    void aBrowserOnALoginRouteIsSentToLogInButNotAnApiCallOrABearerRequest() {
        AccessDecision missing = decision(Verdict.Kind.UNAUTHENTICATED, "token-missing");

        AccessResponse page = answer(request(login, "GET", "text/html", null), missing);
        AccessResponse post = answer(request(login, "POST", "text/html", null), missing);
        AccessResponse json = answer(request(login, "GET", "application/json", null), missing);
        AccessResponse bearer = answer(request(login, "GET", "text/html", "Bearer x"), missing);
        AccessResponse loginOff = AccessResponses.of(request(login, "GET", "text/html", null), missing, false,
                Clock.systemUTC());
        AccessResponse otherRoute = answer(request(api, "GET", "text/html", null), missing);

        assertEquals(AccessResponse.Action.LOGIN, page.action());
        assertEquals(StepUp.NONE, page.login());
        for (AccessResponse r : List.of(post, json, bearer, loginOff, otherRoute)) {
            assertEquals(AccessResponse.Action.REFUSE, r.action());
            assertEquals(401, r.status());
        }
    }

    @Test
    void aSessionShortOfThePolicyStepsUpUnlessItJustDid() {
        Decision challenge = new Decision(Outcome.CHALLENGE, List.of("mfa-required"), "p", null);
        Session plain = session(false);
        Session steppedUp = session(true);

        AccessResponse first = answer(request(login, "GET", "text/html", null), new AccessDecision(new Verdict(
                Verdict.Kind.CHALLENGE, challenge.reasons(), challenge, null, null, null),
                new SessionOutcome(plain, List.of()), null, null));
        AccessResponse again = answer(request(login, "GET", "text/html", null), new AccessDecision(new Verdict(
                Verdict.Kind.CHALLENGE, challenge.reasons(), challenge, null, null, null),
                new SessionOutcome(steppedUp, List.of()), null, null));

        assertEquals(AccessResponse.Action.LOGIN, first.action());
        assertTrue(first.login().any(), "a step-up asks the IdP for a fresh login");
        assertEquals(AccessResponse.Action.REFUSE, again.action(), "no second round trip right after a step-up");
        assertEquals(401, again.status());
    }

    private static Session session(boolean stepUp) {
        return new Session("s", "corp", "https://idp", "alice", Map.of(), null, null, Instant.now().plusSeconds(300),
                stepUp, Instant.now(), Instant.now().plusSeconds(3600));
    }
}
