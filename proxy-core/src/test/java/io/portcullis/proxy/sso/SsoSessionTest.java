package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.identity.oidc.Session;
import io.portcullis.identity.oidc.SessionCodec;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What happens to a session after login: tampering, expiry, refresh, logout, step-up, refusal. */
class SsoSessionTest {

    private final SsoProxy fx = new SsoProxy();
    private final Browser browser = fx.browser();

    @AfterEach
    void stop() {
        fx.close();
    }

    private int upstreamRequests() {
        return fx.upstream.requests().size();
    }

    private void assertSentToLogin(HttpResponse<String> response) {
        assertEquals(302, response.statusCode(), response.body());
        assertTrue(Browser.location(response).startsWith(fx.issuer() + "/authorize?"), Browser.location(response));
    }

    @Test
    void aTamperedSessionCookieMeansLoggingInAgain() {
        fx.login(browser, "/app", "alice", Map.of());
        int before = upstreamRequests();
        String cookie = browser.cookies.get("_portcullis");
        char[] chars = cookie.toCharArray();
        int i = cookie.lastIndexOf('.') - 5;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        browser.cookies.put("_portcullis", new String(chars));

        HttpResponse<String> page = browser.get("/app");

        assertSentToLogin(page);
        assertFalse(browser.cookies.containsKey("_portcullis"), "the bad cookie is removed");
        assertEquals(before, upstreamRequests());
    }

    @Test
    void aSessionSealedWithAnotherKeyIsNotOurs() {
        Session forged = new Session("forged", "corp", fx.issuer(), "admin", Map.of("groups", List.of("admins")), null,
                null, Instant.now().plusSeconds(300), false, Instant.now(), Instant.now().plusSeconds(3600));
        browser.cookies.put("_portcullis", new SessionCodec(io.portcullis.identity.oidc.SessionKeys.of(
                List.of(new byte[32])), Clock.systemUTC()).encode(forged));

        assertSentToLogin(browser.get("/admin"));
        assertEquals(0, upstreamRequests());
    }

    @Test
    void anExpiredSessionMeansLoggingInAgain() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(13));
        Session old = new Session("old-session", "corp", fx.issuer(), "alice", Map.of(), null, null,
                longAgo.plusSeconds(300), false, longAgo, longAgo.plus(Duration.ofHours(12)));
        browser.cookies.put("_portcullis",
                new SessionCodec(fx.keys(), Clock.fixed(longAgo, ZoneOffset.UTC)).encode(old));

        HttpResponse<String> page = browser.get("/app");

        assertSentToLogin(page);
        assertEquals(0, upstreamRequests());
        assertEquals(401, browser.api("/app").statusCode(), "an API call with it is simply unauthenticated");
    }

    @Test
    void aSessionWhoseAccessTokenIsAboutToExpireIsRefreshedOnTheWay() {
        fx.nextLogin("alice", Map.of("groups", List.of("staff")), 20);
        fx.completeLogin(browser, browser.get("/app"));
        String original = browser.cookies.get("_portcullis");

        HttpResponse<String> page = browser.get("/app/next");

        assertEquals(200, page.statusCode(), page.body());
        assertNotEquals(original, browser.cookies.get("_portcullis"), "the refreshed session is a new cookie");
        assertEquals("alice", fx.upstream.requests().get(0).header("X-Forwarded-User"));
    }

    @Test
    void anIdpThatIsDownWhenTheSessionNeedsRefreshingEndsIt() {
        fx.nextLogin("alice", Map.of(), 20);
        fx.completeLogin(browser, browser.get("/app"));
        fx.idp.shutdown();

        HttpResponse<String> page = browser.get("/app/next");

        assertEquals(302, page.statusCode(), page.body());
        assertFalse(browser.cookies.containsKey("_portcullis"), "the ended session is removed");
        assertEquals(0, upstreamRequests());
    }

    @Test
    void logoutClearsTheCookiesEndsTheSessionAndGoesToTheIdp() {
        fx.login(browser, "/app", "alice", Map.of());
        Map<String, String> stolenCopy = new HashMap<>(browser.cookies);
        int before = upstreamRequests();

        HttpResponse<String> logout = browser.get("/.portcullis/logout");

        assertEquals(302, logout.statusCode());
        String location = Browser.location(logout);
        assertTrue(location.startsWith(fx.idp.endSessionEndpointUrl(SsoProxy.ISSUER_ID).toString()), location);
        assertTrue(location.contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(
                fx.base() + "/public/bye", java.nio.charset.StandardCharsets.UTF_8)), location);
        assertTrue(browser.cookies.isEmpty(), browser.cookies.toString());
        assertSentToLogin(browser.get("/app"));
        Browser thief = fx.browser();
        thief.cookies.putAll(stolenCopy);
        assertSentToLogin(thief.get("/app"));
        assertEquals(before, upstreamRequests(), "logout never reaches the upstream");
    }

    @Test
    void aBackChannelLogoutEndsTheUsersSessions() {
        fx.login(browser, "/app", "alice", Map.of());
        Browser bob = fx.browser();
        fx.login(bob, "/app", "bob", Map.of());
        int before = upstreamRequests();
        String token = fx.idp.issueToken(SsoProxy.ISSUER_ID, "alice", SsoProxy.CLIENT_ID,
                Map.of("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of())), 60).serialize();

        HttpResponse<String> logout = fx.browser().post("/.portcullis/backchannel-logout", "logout_token=" + token);

        assertEquals(200, logout.statusCode(), logout.body());
        assertEquals("no-store", logout.headers().firstValue("Cache-Control").orElse(""));
        assertSentToLogin(browser.get("/app"));
        assertEquals(200, bob.get("/app").statusCode(), "other users keep their sessions");
        assertEquals(before + 1, upstreamRequests());
    }

    @Test
    void anInvalidLogoutTokenIsRefusedAndEndsNothing() {
        fx.login(browser, "/app", "alice", Map.of());
        String idTokenLike = fx.idp.issueToken(SsoProxy.ISSUER_ID, "alice", SsoProxy.CLIENT_ID, Map.of(), 60).serialize();

        HttpResponse<String> notALogoutToken = fx.browser().post("/.portcullis/backchannel-logout",
                "logout_token=" + idTokenLike);
        HttpResponse<String> missing = fx.browser().post("/.portcullis/backchannel-logout", "something=else");

        assertEquals(400, notALogoutToken.statusCode());
        assertTrue(notALogoutToken.body().contains("invalid_request"), notALogoutToken.body());
        assertEquals(400, missing.statusCode());
        assertEquals(200, browser.get("/app").statusCode());
    }

    @Test
    void aSessionWithoutMfaIsSentToStepUpAndComesBackWithIt() {
        fx.login(browser, "/app", "carol", Map.of("amr", List.of("pwd")));
        int before = upstreamRequests();

        HttpResponse<String> challenge = browser.get("/secure/vault");

        assertSentToLogin(challenge);
        assertTrue(Browser.location(challenge).contains("prompt=login"), Browser.location(challenge));
        assertEquals(before, upstreamRequests());
        fx.nextLogin("carol", Map.of("amr", List.of("pwd", "otp")), 300);
        HttpResponse<String> back = fx.completeLogin(browser, challenge);
        assertEquals("/secure/vault", Browser.location(back));
        assertEquals(200, browser.get("/secure/vault").statusCode());
    }

    @Test
    void aStepUpThatStillLacksMfaGetsThe401PageNotAnotherRedirect() {
        fx.login(browser, "/app", "alice", Map.of("amr", List.of("pwd")));
        HttpResponse<String> challenge = browser.get("/secure/vault");
        fx.nextLogin("alice", Map.of("amr", List.of("pwd")), 300);
        fx.completeLogin(browser, challenge);

        HttpResponse<String> again = browser.get("/secure/vault");

        assertEquals(401, again.statusCode());
        assertTrue(again.body().contains("mfa-required"), again.body());
    }

    @Test
    void aRefusedBrowserGetsTheDenyPageWithReasonAndRequestId() {
        fx.login(browser, "/app", "alice", Map.of("groups", List.of("staff")));

        HttpResponse<String> denied = browser.get("/admin/panel");

        assertEquals(403, denied.statusCode());
        assertTrue(denied.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(denied.body().contains("groups"), denied.body());
        String requestId = denied.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(denied.body().contains(requestId), denied.body());
        assertFalse(denied.body().contains("Exception"), denied.body());
    }
}
