package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An identity-aware rate limit through a real proxy: each subject has its own bucket; past it the
 * answer is 429 with Retry-After, the upstream sees nothing, and the decision log and metric say so.
 */
class RateLimitTest {

    static ProxyFixture fx;

    @BeforeAll
    static void start() {
        fx = new ProxyFixture(CorpOnly.with("""
                routes:
                  - id: api
                    match: { path_prefix: /api }
                    upstream: ${UPSTREAM}
                    policy: users
                    rate_limit: { per: subject, requests: 1, per_seconds: 3600, burst: 2 }
                policies:
                  users:
                    allow: { authenticated: true }
                """));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static String token(String sub) {
        return fx.corp.token().subject(sub).audience("portcullis").expiresIn(Duration.ofMinutes(5)).sign();
    }

    RawHttp.Response get(String path, String token) throws Exception {
        try (RawHttp c = fx.client()) {
            return c.get(path, "Authorization: Bearer " + token);
        }
    }

    @Test
    void eachSubjectGetsItsBurstThen429() throws Exception {
        String frank = token("frank");
        assertEquals(200, get("/api/1", frank).status());
        assertEquals(200, get("/api/2", frank).status());
        fx.upstream.clear();
        RawHttp.Response limited = get("/api/3", frank);
        assertEquals(429, limited.status());
        long retryAfter = Long.parseLong(limited.header("retry-after"));
        assertTrue(retryAfter > 0 && retryAfter <= 3600, "Retry-After " + retryAfter);
        assertTrue(limited.body().contains("\"reason\":\"rate-limited\""), limited.body());
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "a limited request never reaches the upstream");

        String line = fx.awaitDecision("/api/3");
        assertTrue(line.contains("\"decision\":\"deny\",\"reasons\":[\"rate-limited\"]"), line);
        assertTrue(line.contains("\"status\":429"), line);
        assertTrue(line.contains("\"subject\":\"frank\""), line);

        assertEquals(200, get("/api/4", token("grace")).status(), "another subject has its own bucket");
        assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)));
        assertTrue(fx.portcullis.metrics().scrape()
                .contains("portcullis_rate_limited_total{per=\"subject\",route=\"api\"} 1.0"));
    }
}
