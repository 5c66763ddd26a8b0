package io.portcullis.proxy.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.DPoPClient;
import io.portcullis.fixtures.RedisServerProcess;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.state.RedisStateStore;
import io.portcullis.proxy.state.RedisStores;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Portcullis instances (real listeners, one issuer, an upstream each) sharing one real
 * redis-server: a DPoP proof used on one is refused on the other, and its upstream never sees it.
 * While Redis is down each instance still refuses the proofs it has seen itself.
 */
class SharedProofReplayTest {

    private static final String CONFIG = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            state:
              type: redis
              url: ${REDIS}
              command_timeout: 500ms
            issuers:
              - id: corp
                issuer: ${CORP_ISS}
                jwks_uri: ${CORP_JWKS}
                audiences: [portcullis]
                algorithms: [RS256]
                sender_constraint: required
            routes:
              - id: api
                match: { path_prefix: /api }
                upstream: ${UPSTREAM}
                policy: signed-in
            policies:
              signed-in:
                allow: { authenticated: true }
            """;
    private static final String URI = "http://app.test/api/items";

    private final DPoPClient key = DPoPClient.es256();
    private RedisServerProcess redis;
    private ProxyFixture a;
    private ProxyFixture b;

    @BeforeEach
    void start() {
        RedisStores.assumeRedis();
        redis = RedisServerProcess.start();
        a = new ProxyFixture(CONFIG.replace("${REDIS}", redis.url()));
        // B trusts A's issuer: the same token and proof are good on both.
        b = new ProxyFixture(CONFIG.replace("${REDIS}", redis.url()).replace("${CORP_ISS}", a.corp.issuerUrl())
                .replace("${CORP_JWKS}", a.corp.jwksUri()));
        RedisStores.eventually(Duration.ofSeconds(20), "both instances connected to Redis",
                () -> a.portcullis.state().health().up() && b.portcullis.state().health().up());
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static RawHttp.Response get(ProxyFixture on, String token, String proof) throws Exception {
        try (RawHttp c = on.client()) {
            return c.get("/api/items", "Authorization: DPoP " + token, "DPoP: " + proof);
        }
    }

    private String token() {
        return a.corp.token().subject("alice").claim("cnf", key.cnf()).sign();
    }

    @Test
    void aProofUsedOnOneInstanceIsRefusedOnTheOther() throws Exception {
        String token = token();
        String proof = key.proof("GET", URI, token);
        assertEquals(200, get(a, token, proof).status());
        assertNotNull(a.upstream.takeRequest(Duration.ofSeconds(5)));

        RawHttp.Response replayed = get(b, token, proof);

        assertEquals(401, replayed.status(), replayed.body());
        assertTrue(replayed.header("WWW-Authenticate").startsWith("DPoP error=\"invalid_dpop_proof\""),
                replayed.header("WWW-Authenticate"));
        assertTrue(replayed.body().contains("dpop-replayed"), replayed.body());
        assertNull(b.upstream.takeRequest(Duration.ofMillis(200)), "B's upstream saw the replayed proof");
        String fresh = key.proof("GET", URI, token);
        assertEquals(200, get(b, token, fresh).status(), "a fresh proof of the same key is good on B");
        assertNotNull(b.upstream.takeRequest(Duration.ofSeconds(5)));
    }

    @Test
    void aNonceHandedOutByOneInstanceIsGoodOnTheOther() throws Exception {
        String nonces = CONFIG.replace("${REDIS}", redis.url())
                .replace("sender_constraint: required", "sender_constraint: { mode: required, dpop_nonce: true }");
        try (ProxyFixture c = new ProxyFixture(nonces);
             ProxyFixture d = new ProxyFixture(nonces.replace("${CORP_ISS}", c.corp.issuerUrl())
                     .replace("${CORP_JWKS}", c.corp.jwksUri()))) {
            RedisStores.eventually(Duration.ofSeconds(20), "both instances read the shared nonce key",
                    () -> ((RedisStateStore) c.portcullis.state()).noncesShared()
                            && ((RedisStateStore) d.portcullis.state()).noncesShared());
            String token = c.corp.token().subject("alice").claim("cnf", key.cnf()).sign();
            RawHttp.Response asked = get(c, token, key.proof("GET", URI, token));
            assertEquals(401, asked.status(), asked.body());
            String nonce = asked.header("DPoP-Nonce");
            assertNotNull(nonce, "C hands out a nonce");
            assertNull(c.upstream.takeRequest(Duration.ofMillis(200)), "a proof without a nonce never went upstream");

            RawHttp.Response onD = get(d, token, key.proof("GET", URI, token, nonce));
            assertEquals(200, onD.status(), "the load balancer sent the retry to D: " + onD.body());
            assertNotNull(d.upstream.takeRequest(Duration.ofSeconds(5)));
            RawHttp.Response madeUp = get(d, token, key.proof("GET", URI, token, "bm90LWEtbm9uY2U"));
            assertEquals(401, madeUp.status(), "a nonce no replica issued is still refused");
            assertTrue(madeUp.body().contains("dpop-nonce-invalid"), madeUp.body());
        }
    }

    @Test
    void whileRedisIsDownEachInstanceStillRefusesWhatItHasSeen() throws Exception {
        String token = token();
        String seenBefore = key.proof("GET", URI, token);
        assertEquals(200, get(a, token, seenBefore).status());
        assertNotNull(a.upstream.takeRequest(Duration.ofSeconds(5)));
        redis.kill();
        RedisStores.eventually(Duration.ofSeconds(10), "A notices the outage", () -> !a.portcullis.state().health().up());

        assertEquals(401, get(a, token, seenBefore).status(), "a proof seen before the outage is still refused");
        String during = key.proof("GET", URI, token);
        assertEquals(200, get(a, token, during).status(), "a new proof is accepted: the outage is no outage for clients");
        assertNotNull(a.upstream.takeRequest(Duration.ofSeconds(5)));
        RawHttp.Response again = get(a, token, during);
        assertEquals(401, again.status(), "replayed to the same instance during the outage");
        assertTrue(again.body().contains("dpop-replayed"), again.body());
        assertNull(a.upstream.takeRequest(Duration.ofMillis(200)), "A's upstream saw a replay");
    }
}
