package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A route's shadow policy is evaluated beside the enforced one on the same facts: logged and counted
 * when it disagrees, and never changing what happens to the request.
 */
class ShadowPolicyTest {

    static ProxyFixture fx;

    @BeforeAll
    static void start() {
        fx = new ProxyFixture(CorpOnly.with("""
                routes:
                  - id: reports
                    match: { path_prefix: /reports }
                    upstream: ${UPSTREAM}
                    policy: staff
                    shadow_policy: staff-and-finance
                policies:
                  staff:
                    allow: { groups: { has: staff } }
                  staff-and-finance:
                    mode: shadow
                    allow: { groups: { has_all: [staff, finance] } }
                """));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static String token(String sub, List<String> groups) {
        return fx.corp.token().subject(sub).audience("portcullis").expiresIn(Duration.ofMinutes(5))
                .claim("groups", groups).sign();
    }

    int get(String path, String token) throws Exception {
        try (RawHttp c = fx.client()) {
            return c.get(path, "Authorization: Bearer " + token).status();
        }
    }

    @Test
    void aDisagreeingShadowIsLoggedAndCountedButNotEnforced() throws Exception {
        fx.upstream.clear();
        assertEquals(200, get("/reports/q1?who=bob", token("bob", List.of("staff"))));
        assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)), "the enforced policy allowed: forwarded");
        String line = fx.awaitDecision("\"subject\":\"bob\"");
        assertTrue(line.contains("\"decision\":\"allow\""), line);
        assertTrue(line.contains("\"shadow\":{\"policy\":\"staff-and-finance\",\"decision\":\"deny\",\"agree\":false,"
                + "\"kind\":\"would-deny\"}"), line);
        String metrics = fx.portcullis.metrics().scrape();
        assertTrue(metrics.contains("portcullis_shadow_disagreements_total{kind=\"would-deny\",route=\"reports\","
                + "shadow_policy=\"staff-and-finance\"} 1.0"), metrics);
    }

    @Test
    void anAgreeingShadowIsLoggedAndNotCounted() throws Exception {
        assertEquals(200, get("/reports/q2", token("carol", List.of("staff", "finance"))));
        String line = fx.awaitDecision("\"subject\":\"carol\"");
        assertTrue(line.contains("\"shadow\":{\"policy\":\"staff-and-finance\",\"decision\":\"allow\",\"agree\":true,"
                + "\"kind\":\"agree\"}"), line);
        assertFalse(fx.portcullis.metrics().scrape().contains("kind=\"agree\""), "agreement is not a disagreement");
    }

    @Test
    void noShadowWhenThePolicyIsNeverReached() throws Exception {
        try (RawHttp c = fx.client()) {
            assertEquals(401, c.get("/reports/anon").status());
        }
        String line = fx.awaitDecision("/reports/anon");
        assertTrue(line.contains("\"shadow\":null"), line);
    }
}
