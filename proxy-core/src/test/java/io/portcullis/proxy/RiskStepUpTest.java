package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Risk-based step-up through a real proxy: a login from a network not seen for the user is
 * challenged (RFC 9470 max_age in the 401) until a fresh login is allowed from it; then the same
 * older login is fine there.
 */
class RiskStepUpTest {

    static ProxyFixture fx;

    @BeforeAll
    static void start() {
        fx = new ProxyFixture(CorpOnly.with("""
                routes:
                  - id: app
                    match: { path_prefix: /app }
                    upstream: ${UPSTREAM}
                    policy: users
                policies:
                  users:
                    allow: { authenticated: true }
                    challenge:
                      when: { risk: { new_network: true } }
                      require: { max_auth_age: 10m }
                """));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static String login(String sub, Duration ago) {
        return fx.corp.token().subject(sub).audience("portcullis").expiresIn(Duration.ofMinutes(5))
                .claim("auth_time", Instant.now().minus(ago).getEpochSecond()).sign();
    }

    RawHttp.Response get(String token) throws Exception {
        try (RawHttp c = fx.client()) {
            return c.get("/app", "Authorization: Bearer " + token);
        }
    }

    @Test
    void aNewNetworkNeedsAFreshLoginOnce() throws Exception {
        String hourOld = login("dana", Duration.ofHours(1));
        RawHttp.Response first = get(hourOld);
        assertEquals(401, first.status());
        String challenge = first.header("www-authenticate");
        assertTrue(challenge.contains("error=\"insufficient_user_authentication\""), challenge);
        assertTrue(challenge.contains("max_age=\"600\""), challenge);
        fx.upstream.clear();
        assertEquals(401, get(hourOld).status(), "being challenged does not make the network known");
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "nothing was forwarded");

        assertEquals(200, get(login("dana", Duration.ofMinutes(1))).status(), "a fresh login passes the challenge");
        assertEquals(200, get(hourOld).status(), "the network is now known for dana");
        assertEquals(401, get(login("erin", Duration.ofHours(1))).status(), "but not for anyone else");
    }
}
