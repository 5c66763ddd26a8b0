package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RecordedRequest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Browser login through the proxy against a real OIDC server, step by step, redirects not followed. */
class SsoLoginFlowTest {

    private final SsoProxy fx = new SsoProxy();
    private final Browser browser = fx.browser();

    @AfterEach
    void stop() {
        fx.close();
    }

    private static String param(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void aBrowserSignsInAndLandsOnThePageItAskedFor() throws Exception {
        HttpResponse<String> first = browser.get("/app/reports?year=2026");

        assertEquals(302, first.statusCode());
        String authorize = Browser.location(first);
        assertTrue(authorize.startsWith(fx.issuer() + "/authorize?"), authorize);
        assertEquals("S256", param(authorize, "code_challenge_method"));
        assertEquals(fx.base() + "/.portcullis/callback", param(authorize, "redirect_uri"));
        assertEquals(SsoProxy.CLIENT_ID, param(authorize, "client_id"));
        assertNotNull(param(authorize, "nonce"));
        assertTrue(browser.cookies.keySet().stream().anyMatch(n -> n.startsWith("_portcullis_login_")),
                "the state is bound to this browser: " + browser.cookies.keySet());
        assertTrue(first.headers().firstValue("Set-Cookie").orElseThrow().contains("HttpOnly; SameSite=Lax"));
        assertTrue(fx.upstream.requests().isEmpty(), "nothing reached the upstream before login");

        fx.nextLogin("alice", Map.of("email", "alice@corp.example", "groups", List.of("staff")), 300);
        HttpResponse<String> callback = fx.completeLogin(browser, first);

        assertEquals(302, callback.statusCode());
        assertEquals("/app/reports?year=2026", Browser.location(callback));
        assertTrue(browser.cookies.containsKey("_portcullis"), browser.cookies.keySet().toString());
        assertFalse(browser.cookies.keySet().stream().anyMatch(n -> n.startsWith("_portcullis_login_")),
                "the login state is spent");
        assertTrue(fx.upstream.requests().isEmpty(), "the callback (with its code) never reaches the upstream");

        HttpResponse<String> page = browser.get(Browser.location(callback));

        assertEquals(200, page.statusCode(), page.body());
        RecordedRequest seen = fx.upstream.requests().get(0);
        assertEquals("/app/reports?year=2026", seen.uri());
        assertEquals("alice", seen.header("X-Forwarded-User"));
        assertEquals("alice@corp.example", seen.header("X-Forwarded-Email"));
        assertEquals("staff", seen.header("X-Forwarded-Groups"));
        assertNull(seen.header("Cookie"), "the session cookie is never sent upstream");
        fx.awaitDecision("\"path\":\"/.portcullis/callback\"", "\"reasons\":[\"login-complete\"]",
                "\"status\":302");
    }

    @Test
    void theUpstreamKeepsItsOwnCookiesButNeverSeesOurs() {
        fx.login(browser, "/app", "alice", Map.of());
        browser.cookies.put("app_pref", "dark");

        browser.get("/app/settings");

        RecordedRequest seen = fx.upstream.requests().get(fx.upstream.requests().size() - 1);
        assertEquals("app_pref=dark", seen.header("Cookie"));
    }

    @Test
    void anApiClientOnALoginRouteGets401NotARedirect() {
        HttpResponse<String> api = browser.api("/app/data");
        HttpResponse<String> badBearer = browser.send("/app/data", "text/html", "GET", null,
                "Authorization", "Bearer not-a-valid-token");

        assertEquals(401, api.statusCode());
        assertTrue(api.body().contains("\"reason\":\"token-missing\""), api.body());
        assertEquals(401, badBearer.statusCode(), "a bearer token is never traded for a login redirect");
        assertTrue(browser.cookies.isEmpty());
    }

    @Test
    void aRouteWithoutLoginAnswers401EvenToBrowsers() {
        assertEquals(401, browser.get("/api/things").statusCode());
    }

    @Test
    void aCallbackWithAnotherStateIsRefused() throws Exception {
        HttpResponse<String> first = browser.get("/app");
        HttpResponse<String> atIdp = browser.get(Browser.location(first));
        String callback = Browser.location(atIdp);
        String state = param(callback, "state");

        HttpResponse<String> forged = browser.get(callback.replace("state=" + state, "state=forged-state"));
        HttpResponse<String> noStateCookie = new Browser(fx.base()).get(callback);

        assertEquals(400, forged.statusCode());
        assertTrue(forged.body().contains("login-state-invalid"), forged.body());
        assertEquals(400, noStateCookie.statusCode(), "a callback from another browser (login CSRF) is refused");
        fx.awaitDecision("\"reasons\":[\"login-state-invalid\"]", "\"status\":400");
        assertFalse(browser.cookies.containsKey("_portcullis"));
    }

    @Test
    void aReplayedCodeIsRefusedAndCreatesNoSession() {
        HttpResponse<String> first = browser.get("/app");
        Map<String, String> stateCookies = Map.copyOf(browser.cookies);
        String callback = Browser.location(browser.get(Browser.location(first)));
        assertEquals(302, browser.get(callback).statusCode());

        Browser attacker = new Browser(fx.base());
        attacker.cookies.putAll(stateCookies);
        HttpResponse<String> replay = attacker.get(callback);

        assertEquals(401, replay.statusCode());
        assertTrue(replay.body().contains("token-exchange-failed"), replay.body());
        assertFalse(attacker.cookies.containsKey("_portcullis"));
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        fx.nextLogin("alice", Map.of("nonce", "not-the-one-we-sent"), 300);
        HttpResponse<String> callback = fx.completeLogin(browser, browser.get("/app"));

        assertEquals(401, callback.statusCode());
        assertTrue(callback.body().contains("id-token-invalid"), callback.body());
        assertFalse(browser.cookies.containsKey("_portcullis"));
    }

    @Test
    void anIdpErrorAtTheCallbackCreatesNoSession() {
        HttpResponse<String> first = browser.get("/app");
        String state = param(Browser.location(first), "state");

        HttpResponse<String> denied = browser.get("/.portcullis/callback?error=access_denied&state=" + state);

        assertEquals(401, denied.statusCode());
        assertTrue(denied.body().contains("login-failed"), denied.body());
        assertFalse(browser.cookies.containsKey("_portcullis"));
    }

    @Test
    void theLoginNeverRedirectsOffSite() throws Exception {
        List<String> wentToLogin = new java.util.ArrayList<>();
        for (String target : List.of("//evil.example", "//evil.example/app", "/\\evil.example", "https://evil.example/",
                "http://evil.example/app")) {
            Browser victim = new Browser(fx.base());
            String toIdp;
            try (io.portcullis.proxy.RawHttp raw = new io.portcullis.proxy.RawHttp(fx.port)) {
                io.portcullis.proxy.RawHttp.Response r = raw.get(target, "Accept: text/html");
                if (r.status() != 302) {
                    // The edge refused the request target outright: nothing to redirect back to.
                    assertTrue(r.status() == 400 || r.status() == 404, target + " -> " + r.status());
                    continue;
                }
                toIdp = r.header("location");
                for (Map.Entry<String, String> h : r.headers()) {
                    if (h.getKey().equals("set-cookie")) {
                        String pair = h.getValue().split(";", 2)[0];
                        victim.cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                    }
                }
            }
            fx.nextLogin("alice", Map.of(), 300);
            String callback = Browser.location(victim.get(toIdp));
            String back = Browser.location(victim.get(callback));

            assertTrue(back.startsWith("/") && !back.startsWith("//") && !back.startsWith("/\\"),
                    target + " led back to " + back);
            wentToLogin.add(target + " -> " + back);
        }
        assertFalse(wentToLogin.isEmpty(), "at least one hostile target went through a whole login");
    }

    @Test
    void theAdminMetricsCountTheLoginKeyCacheBesideTheBearerOne() throws Exception {
        // corp is both a bearer issuer and the login issuer: each of its two key caches fetches once at start.
        String line = "portcullis_jwks_fetches_total{issuer=\"corp\",result=\"success\"} 2.0";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest scrape = java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fx.portcullis.adminPort() + "/metrics")).build();
        long deadline = System.nanoTime() + 10_000_000_000L;
        String metrics = "";
        while (!metrics.lines().anyMatch(line::equals) && System.nanoTime() < deadline) {
            metrics = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
            Thread.sleep(20);
        }

        assertTrue(metrics.lines().anyMatch(line::equals), metrics.lines()
                .filter(l -> l.startsWith("portcullis_jwks_fetches")).toList().toString());
    }

    @Test
    void aSessionLargerThanOneCookieIsChunkedAndStillWorks() {
        List<String> groups = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            groups.add("group-with-a-rather-long-name-" + i);
        }

        HttpResponse<String> page = fx.login(browser, "/app", "alice", Map.of("groups", groups));

        assertEquals(200, page.statusCode());
        assertFalse(browser.cookies.containsKey("_portcullis"));
        assertTrue(browser.cookies.containsKey("_portcullis_0") && browser.cookies.containsKey("_portcullis_1"),
                browser.cookies.keySet().toString());
        assertTrue(browser.cookies.values().stream().allMatch(v -> v.length() <= SsoCookies.CHUNK_CHARS));
        assertEquals(200, browser.get("/app/again").statusCode());
    }
}
