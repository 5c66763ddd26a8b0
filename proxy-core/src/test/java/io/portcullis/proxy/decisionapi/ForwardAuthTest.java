package io.portcullis.proxy.decisionapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forward-auth flavours over a real decision API listener: each decides with the proxy's pipeline,
 * answers in its proxy's convention, and believes nothing from an untrusted caller.
 */
class ForwardAuthTest {

    static ForwardAuthFixture f;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() {
        f = new ForwardAuthFixture();
        alice = f.token("alice", List.of("admins", "ops"));
        bob = f.token("bob", List.of("users"));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static ApiCall.Response nginx(String from, String uri, String... more) throws Exception {
        String[] headers = new String[more.length + 3];
        headers[0] = "X-Original-Method: GET";
        headers[1] = "X-Original-URI: " + uri;
        headers[2] = "X-Original-Host: app.example";
        System.arraycopy(more, 0, headers, 3, more.length);
        return ApiCall.send(from, f.apiPort(), "GET", "/nginx", headers);
    }

    @Test
    void nginxAllowedAnswersIdentityHeadersAndLogsTheDecisionAsForwardAuth() throws Exception {
        ApiCall.Response r = nginx("127.0.0.1", "/admin/reports?x=1", "Authorization: Bearer " + alice);
        assertEquals(200, r.status());
        assertEquals("alice", r.header("X-Forwarded-User"));
        assertEquals("admins,ops", r.header("X-Forwarded-Groups"));
        assertEquals("alice on admin", r.header("X-Who"), "request_headers.set rules are answered too");
        String line = f.fx.awaitDecision(r.header("X-Request-Id"));
        assertTrue(line.contains("\"via\":\"forward-auth:nginx\""), line);
        assertTrue(line.contains("\"route\":\"admin\"") && line.contains("\"decision\":\"allow\""), line);
        assertTrue(line.contains("\"path\":\"/admin/reports\"") && line.contains("\"subject\":\"alice\""), line);
        assertTrue(f.fx.portcullis.metrics().scrape().contains("portcullis_decision_api_decisions_total"));
        assertTrue(f.fx.upstream.requests().isEmpty(), "a decision never touches the upstream");
    }

    @Test
    void nginxWithoutTokenIs401WithChallengeAndNoIdentity() throws Exception {
        ApiCall.Response r = nginx("127.0.0.1", "/admin/x");
        assertEquals(401, r.status());
        assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"));
        assertNull(r.header("X-Forwarded-User"));
        assertNull(r.header(Flavour.LOGIN_HEADER), "no login target for a non-browser");
    }

    @Test
    void nginxBrowserGets401WithALoginTargetForAuthRequestSet() throws Exception {
        ApiCall.Response r = nginx("127.0.0.1", "/admin/x?y=1", "Accept: text/html",
                "X-Forwarded-Proto: https");
        assertEquals(401, r.status());
        assertEquals(ForwardAuthFixture.LOGIN_URL + "?rd=https%3A%2F%2Fapp.example%2Fadmin%2Fx%3Fy%3D1",
                r.header(Flavour.LOGIN_HEADER));
    }

    @Test
    void nginxWrongGroupIs403() throws Exception {
        ApiCall.Response r = nginx("127.0.0.1", "/admin/x", "Authorization: Bearer " + bob);
        assertEquals(403, r.status());
        assertNull(r.header("X-Forwarded-User"));
        assertTrue(f.fx.awaitDecision(r.header("X-Request-Id")).contains("\"decision\":\"deny\""));
    }

    @Test
    void forwardedUriIsCanonicalizedLikeAProxiedPath() throws Exception {
        // Dot segments are resolved before routing: this is /admin, not /public.
        assertEquals(401, nginx("127.0.0.1", "/public/../admin").status());
        assertEquals(401, nginx("127.0.0.1", "/public/%2e%2e/admin").status());
        // Ambiguous targets are refused, nothing decided.
        ApiCall.Response slash = nginx("127.0.0.1", "/public/..%2fadmin");
        assertEquals(400, slash.status());
        String line = f.fx.awaitDecision(slash.header("X-Request-Id"));
        assertTrue(line.contains("\"decision\":\"reject\"") && line.contains("path-"), line);
        assertEquals(400, nginx("127.0.0.1", "/admin;jsessionid=1").status());
        assertEquals(400, nginx("127.0.0.1", "http://evil.example/public").status());
        ApiCall.Response open = nginx("127.0.0.1", "/public/x", "X-Forwarded-User: mallory");
        assertEquals(200, open.status());
        assertEquals("", open.header("X-Forwarded-User"), "every identity header is answered, empty without one");
        assertEquals("", open.header("X-Who"), "and every route's set header");
    }

    @Test
    void untrustedCallerIsRefusedAndNothingItForwardedIsDecided() throws Exception {
        ApiCall.Response r = nginx("127.0.0.2", "/public/x", "Authorization: Bearer " + alice);
        assertEquals(403, r.status());
        assertNull(r.header("X-Forwarded-User"));
        String line = f.fx.awaitDecision(r.header("X-Request-Id"));
        assertTrue(line.contains("caller-untrusted") && line.contains("\"path\":null")
                && line.contains("\"subject\":null") && line.contains("\"route\":\"-\""), line);
        assertEquals(403, nginx("127.0.0.2", "/public/x",
                "X-Portcullis-Caller-Secret: wrong").status());
        assertEquals(403, nginx("127.0.0.2", "/public/x", "X-Portcullis-Caller-Secret: " + ForwardAuthFixture.SECRET,
                "X-Portcullis-Caller-Secret: " + ForwardAuthFixture.SECRET).status(), "two secrets: neither counts");
    }

    @Test
    void callerWithTheSharedSecretIsTrustedFromAnyAddress() throws Exception {
        ApiCall.Response r = nginx("127.0.0.2", "/admin/x", "Authorization: Bearer " + alice,
                "X-Portcullis-Caller-Secret: " + ForwardAuthFixture.SECRET);
        assertEquals(200, r.status());
        assertEquals("alice", r.header("X-Forwarded-User"));
    }

    @Test
    void trustedCallerThatLeavesOutTheOriginalRequestGets400() throws Exception {
        ApiCall.Response r = ApiCall.send("127.0.0.1", f.apiPort(), "GET", "/nginx",
                "Authorization: Bearer " + alice);
        assertEquals(400, r.status());
        assertTrue(f.fx.awaitDecision(r.header("X-Request-Id")).contains("forwarded-request-missing"));
        assertEquals(404, ApiCall.send("127.0.0.1", f.apiPort(), "GET", "/admin/x").status());
    }

    @Test
    void traefikAndCaddyReadXForwardedHeadersAndRedirectBrowsersToLogin() throws Exception {
        for (String flavour : List.of("/traefik", "/caddy")) {
            ApiCall.Response login = ApiCall.send("127.0.0.1", f.apiPort(), "GET", flavour,
                    "X-Forwarded-Method: GET", "X-Forwarded-Proto: https", "X-Forwarded-Host: app.example",
                    "X-Forwarded-Uri: /admin/x", "Accept: text/html");
            assertEquals(302, login.status(), flavour);
            assertEquals(ForwardAuthFixture.LOGIN_URL + "?rd=https%3A%2F%2Fapp.example%2Fadmin%2Fx",
                    login.header("Location"));
            ApiCall.Response ok = ApiCall.send("127.0.0.1", f.apiPort(), "GET", flavour,
                    "X-Forwarded-Method: GET", "X-Forwarded-Host: app.example", "X-Forwarded-Uri: /admin/x",
                    "Authorization: Bearer " + alice);
            assertEquals(200, ok.status(), flavour);
            assertEquals("alice", ok.header("X-Forwarded-User"));
            assertTrue(f.fx.awaitDecision(ok.header("X-Request-Id")).contains("\"via\":\"forward-auth:"
                    + flavour.substring(1) + "\""));
            // The caller's own method does not count: the forwarded one does (a POST is not on the route's GET).
            ApiCall.Response post = ApiCall.send("127.0.0.1", f.apiPort(), "GET", flavour,
                    "X-Forwarded-Method: DELETE", "X-Forwarded-Host: app.example", "X-Forwarded-Uri: /admin/x",
                    "Authorization: Bearer " + bob);
            assertEquals(403, post.status(), flavour);
            assertTrue(f.fx.awaitDecision(post.header("X-Request-Id")).contains("\"method\":\"DELETE\""));
        }
    }

    @Test
    void envoyAppendsTheOriginalPathAndUsesTheOriginalMethod() throws Exception {
        ApiCall.Response ok = ApiCall.send("127.0.0.1", f.apiPort(), "POST", "/envoy/admin/x?q=1",
                "Authorization: Bearer " + alice, "Content-Length: 0");
        assertEquals(200, ok.status());
        assertEquals("alice", ok.header("X-Forwarded-User"));
        String line = f.fx.awaitDecision(ok.header("X-Request-Id"));
        assertTrue(line.contains("\"method\":\"POST\"") && line.contains("\"path\":\"/admin/x\"")
                && line.contains("forward-auth:envoy"), line);
        ApiCall.Response denied = ApiCall.send("127.0.0.1", f.apiPort(), "GET", "/envoy/admin/x");
        assertEquals(401, denied.status());
        assertTrue(denied.header("WWW-Authenticate").startsWith("Bearer"));
        assertEquals(400, ApiCall.send("127.0.0.1", f.apiPort(), "GET", "/envoy/public/..%2f..%2fadmin").status());
        assertFalse(f.fx.decisionLines().isEmpty());
    }
}
