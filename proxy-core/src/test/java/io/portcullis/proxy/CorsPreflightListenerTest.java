package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code cors_preflight: allow} on the real listener: a preflight reaches the upstream without a token, nothing else does. */
class CorsPreflightListenerTest {

    static ProxyFixture fx;

    @BeforeAll
    static void start() {
        fx = new ProxyFixture(CorpOnly.with("""
                routes:
                  - id: api
                    match: { path_prefix: /api }
                    upstream: ${UPSTREAM}
                    policy: users
                    cors_preflight: allow
                  - id: strict
                    match: { path_prefix: /strict }
                    upstream: ${UPSTREAM}
                    policy: users
                policies:
                  users:
                    allow: { authenticated: true }
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

    private static RawHttp.Response options(String path, String... headers) throws Exception {
        try (RawHttp c = fx.client()) {
            StringBuilder sb = new StringBuilder("OPTIONS " + path + " HTTP/1.1\r\nHost: app.test\r\n");
            for (String h : headers) {
                sb.append(h).append("\r\n");
            }
            c.send(sb.append("\r\n").toString());
            return c.read();
        }
    }

    @Test
    void aPreflightPassesWithoutATokenAndIsLoggedWithItsOwnReason() throws Exception {
        RawHttp.Response r = options("/api/items", "Origin: https://app.example",
                "Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: authorization");
        assertEquals(200, r.status());
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertEquals("OPTIONS", seen.method());
        assertEquals("https://app.example", seen.header("Origin"));
        String line = fx.awaitDecision("\"cors-preflight\"");
        assertTrue(line.contains("\"route\":\"api\""), line);
        assertTrue(line.contains("\"decision\":\"allow\""), line);
    }

    @Test
    void aPlainOptionsIsStillAuthenticated() throws Exception {
        assertEquals(401, options("/api/items").status());
        assertEquals(401, options("/api/items", "Origin: https://app.example").status());
        assertEquals(401, options("/api/items", "Access-Control-Request-Method: PUT").status());
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(300)), "the upstream saw none of them");
    }

    @Test
    void theActualCrossOriginRequestNeedsItsToken() throws Exception {
        try (RawHttp c = fx.client()) {
            assertEquals(401, c.get("/api/items", "Origin: https://app.example",
                    "Access-Control-Request-Method: PUT").status());
        }
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(300)));
    }

    @Test
    void aRouteWithoutTheSettingAuthenticatesPreflights() throws Exception {
        assertEquals(401, options("/strict/x", "Origin: https://app.example", "Access-Control-Request-Method: PUT")
                .status());
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(300)));
        assertFalse(fx.decisionLines().stream().anyMatch(l -> l.contains("\"strict\"") && l.contains("cors-preflight")));
    }
}
