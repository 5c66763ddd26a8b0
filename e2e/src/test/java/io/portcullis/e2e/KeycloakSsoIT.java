package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import io.portcullis.fixtures.RecordedRequest;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Browser single sign-on against a real Keycloak: real login pages, PKCE enforced by the server, TOTP,
 * RP-initiated and back-channel logout, step-up, and a signing-key rotation while requests flow.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakSsoIT {

    private static Keycloak keycloak;
    private static ProxyUnderTest proxy;

    @BeforeAll
    static void start(Keycloak kc) throws Exception {
        keycloak = kc;
        proxy = new ProxyUnderTest(kc, "portcullis", "portcullis-secret");
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static HttpResponse<String> signIn(WebBrowser browser, String page, String user, String password,
                                               String totp) {
        HttpResponse<String> toKeycloak = browser.get(proxy.url(page));
        assertEquals(302, toKeycloak.statusCode(), toKeycloak.body());
        HttpResponse<String> callback = KeycloakLogin.signIn(browser, toKeycloak, user, password, totp);
        assertEquals(302, callback.statusCode(), callback.body());
        return browser.get(WebBrowser.resolve(callback));
    }

    private static String param(String url, String name) {
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    @Order(1)
    void aliceSignsInWithHerPasswordAndTheUpstreamSeesWhoSheIs() {
        WebBrowser browser = new WebBrowser();
        HttpResponse<String> toKeycloak = browser.get(proxy.url("/app/reports"));
        String authorize = WebBrowser.resolve(toKeycloak);
        assertTrue(authorize.startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?"), authorize);
        assertEquals("S256", param(authorize, "code_challenge_method"));

        HttpResponse<String> callback = KeycloakLogin.signIn(browser, toKeycloak, "alice", "alice-password", null);
        assertEquals(302, callback.statusCode(), callback.body());
        assertEquals(proxy.url("/app/reports"), WebBrowser.resolve(callback));
        HttpResponse<String> page = browser.get(WebBrowser.resolve(callback));

        assertEquals(200, page.statusCode(), page.body());
        RecordedRequest seen = proxy.last();
        assertEquals(keycloak.userId("alice"), seen.header("X-Forwarded-User"));
        assertEquals("alice@corp.example", seen.header("X-Forwarded-Email"));
        assertEquals("admins", seen.header("X-Forwarded-Groups"));
        assertNull(seen.header("Cookie"), "no session cookie upstream");
    }

    @Test
    @Order(2)
    void aPasswordOnlySessionIsSentToStepUpForTheMfaRoute() {
        WebBrowser browser = new WebBrowser();
        signIn(browser, "/app", "alice", "alice-password", null);
        int before = proxy.seen().size();

        HttpResponse<String> stepUp = browser.get(proxy.url("/secure/vault"));

        assertEquals(302, stepUp.statusCode(), stepUp.body());
        String authorize = WebBrowser.resolve(stepUp);
        assertTrue(authorize.startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?"), authorize);
        assertEquals("login", param(authorize, "prompt"));
        HttpResponse<String> loginAgain = browser.get(authorize);
        assertTrue(WebBrowser.hasForm(loginAgain.body(), "kc-form-login"),
                "prompt=login makes Keycloak ask again despite its own session");
        assertEquals(before, proxy.seen().size());
    }

    @Test
    @Order(3)
    void carolSignsInWithPasswordAndTotpAndPassesTheMfaRoute() {
        WebBrowser browser = new WebBrowser();

        HttpResponse<String> page = signIn(browser, "/secure/vault", "carol", "carol-password",
                KeycloakLogin.TOTP_SECRET_CAROL);

        assertEquals(200, page.statusCode(), page.body());
        assertEquals("/secure/vault", proxy.last().uri());
    }

    @Test
    @Order(4)
    void logoutEndsTheSessionHereAndAtKeycloak() {
        WebBrowser browser = new WebBrowser();
        signIn(browser, "/app", "alice", "alice-password", null);

        HttpResponse<String> logout = browser.get(proxy.url("/.portcullis/logout"));

        assertEquals(302, logout.statusCode());
        assertTrue(browser.cookiesFor(proxy.url("/")).isEmpty(), browser.cookiesFor(proxy.url("/")).toString());
        String endSession = WebBrowser.resolve(logout);
        assertTrue(endSession.startsWith(keycloak.issuer() + "/protocol/openid-connect/logout?"), endSession);
        assertTrue(endSession.contains("id_token_hint="), endSession);
        HttpResponse<String> atKeycloak = browser.get(endSession);
        // With the session's own ID token as the hint Keycloak logs out at once; without it, it would
        // answer 200 with a "do you want to log out?" page.
        assertEquals(302, atKeycloak.statusCode(), atKeycloak.body());
        assertEquals(proxy.url("/public/bye"), WebBrowser.resolve(atKeycloak));

        HttpResponse<String> again = browser.get(proxy.url("/app"));
        assertEquals(302, again.statusCode());
        HttpResponse<String> keycloakAgain = browser.get(WebBrowser.resolve(again));
        assertTrue(WebBrowser.hasForm(keycloakAgain.body(), "kc-form-login"),
                "the Keycloak session is over too: it asks for the password again");
    }

    @Test
    @Order(5)
    void aBackChannelLogoutFromKeycloakEndsTheSessionAtTheProxy() throws Exception {
        // Keycloak sends back-channel logouts only to clients not set to front-channel logout.
        keycloak.updateClient("portcullis", Map.of("frontchannelLogout", false), Map.of(
                "backchannel.logout.url", proxy.url("/.portcullis/backchannel-logout"),
                "backchannel.logout.session.required", "true"));
        WebBrowser browser = new WebBrowser();
        assertEquals(200, signIn(browser, "/app", "alice", "alice-password", null).statusCode());
        int before = proxy.seen().size();

        keycloak.logoutUser("alice");

        // Keycloak calls the proxy while handling the admin request; allow for its own scheduling.
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            status = browser.get(proxy.url("/app")).statusCode();
            if (status == 200) {
                Thread.sleep(200);
            }
        }
        assertEquals(302, status, "the revoked session must send the browser back to login");
        int afterRevocation = proxy.seen().size();
        assertEquals(302, browser.get(proxy.url("/app")).statusCode());
        assertEquals(afterRevocation, proxy.seen().size(), "no request after the revocation reached the upstream");
        assertTrue(afterRevocation - before <= 50);
    }

    @Test
    @Order(6)
    void signingKeysRotateWhileRequestsKeepFlowing() throws Exception {
        String before = keycloak.passwordGrantAccessToken("alice", "alice-password");
        WebBrowser api = new WebBrowser();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Thread traffic = new Thread(() -> {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            while (running.get()) {
                try {
                    int code = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(proxy.url("/api/x")))
                            .header("Authorization", "Bearer " + before).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                    (code == 200 ? ok : failed).incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }
        }, "e2e-traffic");
        traffic.setDaemon(true);
        traffic.start();

        keycloak.rotateSigningKey("rsa-rotated", 200);
        String after = keycloak.passwordGrantAccessToken("alice", "alice-password");
        int withNewKey = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(proxy.url("/api/x"))).header("Authorization", "Bearer " + after).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        HttpResponse<String> browserLogin = signIn(api, "/app", "alice", "alice-password", null);
        running.set(false);
        traffic.join(10_000);

        assertNotEquals(SignedJWT.parse(before).getHeader().getKeyID(), SignedJWT.parse(after).getHeader().getKeyID(),
                "Keycloak signs with the new key");
        assertEquals(200, withNewKey, "a token signed with the new key is accepted (the proxy refetched the JWKS)");
        assertEquals(200, browserLogin.statusCode(), "an ID token signed with the new key is accepted too");
        assertTrue(ok.get() > 0, "traffic flowed during the rotation");
        assertEquals(0, failed.get(), "no request failed during the rotation (" + ok.get() + " passed)");
        assertFalse(api.cookiesFor(proxy.url("/")).isEmpty());
    }
}
