package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RecordedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code request_headers} through the real listener to a real upstream: what it received and what it did not. */
class RequestHeaderRulesTest {

    static ProxyFixture fx;

    @BeforeAll
    static void start() {
        fx = new ProxyFixture(CorpOnly.with("""
                routes:
                  - id: grafana
                    match: { path_prefix: /grafana }
                    upstream: ${UPSTREAM}
                    policy: users
                    request_headers:
                      set:
                        X-Grafana-Role: "{{ claims.grafana_role }}"
                        X-Who: "{{ identity.subject }} via {{ route.id }} ({{ request.id }})"
                        X-Env: prod
                      remove: [X-Debug]
                  - id: open
                    match: { path_prefix: /open }
                    upstream: ${UPSTREAM}
                    policy: public
                    request_headers:
                      set:
                        X-Owner: "{{ identity.subject }}"
                policies:
                  users:
                    allow: { authenticated: true }
                  public:
                    allow: { public: true }
                """));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.upstream.clear();
    }

    private static String token(String sub, String role) {
        var b = fx.corp.token().subject(sub).audience("portcullis").expiresIn(Duration.ofMinutes(5));
        return (role == null ? b : b.claim("grafana_role", role)).sign();
    }

    private static RecordedRequest forwarded(String path, String... headers) throws Exception {
        try (RawHttp c = fx.client()) {
            assertEquals(200, c.get(path, headers).status());
        }
        return fx.upstream.takeRequest(Duration.ofSeconds(5));
    }

    @Test
    void setHeadersCarryTheTokensFactsAndTheClientsCopiesNeverPass() throws Exception {
        RecordedRequest seen = forwarded("/grafana/d", "Authorization: Bearer " + token("alice", "Editor"),
                "X-Grafana-Role: Admin", "x_grafana_role: Admin", "X-Env: dev", "X-Debug: 1", "X_Debug: 2",
                "X-Request-Id: mine");
        assertEquals(List.of("Editor"), seen.headers("X-Grafana-Role"));
        assertFalse(seen.hasHeader("x_grafana_role"));
        assertEquals(List.of("prod"), seen.headers("X-Env"));
        String requestId = seen.header("X-Request-Id");
        assertEquals("alice via grafana (" + requestId + ")", seen.header("X-Who"));
        assertFalse(seen.hasHeader("X-Debug"));
        assertFalse(seen.hasHeader("X_Debug"));
    }

    @Test
    void aClaimTheTokenLacksLeavesTheHeaderOutAndTheClientCannotFillTheGap() throws Exception {
        RecordedRequest seen = forwarded("/grafana/d", "Authorization: Bearer " + token("bob", null),
                "X-Grafana-Role: Admin");
        assertFalse(seen.hasHeader("X-Grafana-Role"), "neither the missing claim nor the client's value");
        assertTrue(seen.header("X-Who").startsWith("bob via grafana ("));
    }

    @Test
    void anUnsafeClaimIsDroppedNotForwarded() throws Exception {
        RecordedRequest seen = forwarded("/grafana/d", "Authorization: Bearer " + token("carol", "Viewer\r\nX-Admin: 1"));
        assertFalse(seen.hasHeader("X-Grafana-Role"));
        assertFalse(seen.hasHeader("X-Admin"));
        assertEquals("prod", seen.header("X-Env"));
    }

    @Test
    void onAPublicRouteWithoutIdentityTheHeaderIsAbsentAndOtherRoutesNamesAreScrubbed() throws Exception {
        RecordedRequest seen = forwarded("/open/x", "X-Owner: root", "X-Grafana-Role: Admin", "X-Debug: kept");
        assertFalse(seen.hasHeader("X-Owner"));
        // a name some route sets is the proxy's word on every route
        assertFalse(seen.hasHeader("X-Grafana-Role"));
        // remove is the grafana route's rule only
        assertEquals("kept", seen.header("X-Debug"));
    }
}
