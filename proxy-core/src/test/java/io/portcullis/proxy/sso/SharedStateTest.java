package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RedisServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Portcullis replicas (real listeners, one IdP, one session key) sharing one real redis-server:
 * a logout taken by either is enforced by both, a rate limit holds across both, and an outage of
 * Redis loses nothing.
 */
class SharedStateTest {

    private static final String LIMITED_ROUTE = """
              - id: limited
                match: { path_prefix: /limited }
                upstream: ${UPSTREAM}
                policy: signed-in
                rate_limit: { per: subject, requests: 10, per_seconds: 60, burst: 10 }
            """;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * How long a change may take to reach the other replica: pub/sub takes milliseconds, but a loaded CI
     * machine can stall a replica's threads, and each check is an HTTP round trip.
     */
    private static final Duration PROPAGATION = Duration.ofSeconds(5);

    private RedisServerProcess redis;
    private SsoProxy a;
    private SsoProxy b;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(RedisServerProcess.available(), RedisServerProcess.INSTALL_HINT);
        redis = RedisServerProcess.start();
        String state = "state:\n  type: redis\n  url: " + redis.url() + "\n  command_timeout: 2s\n";
        a = new SsoProxy(LIMITED_ROUTE, state, null);
        b = new SsoProxy(LIMITED_ROUTE, state, a);
        SsoProxy.eventually(Duration.ofSeconds(20), "both replicas connected", () -> up(a) && up(b));
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

    private static boolean up(SsoProxy replica) {
        return replica.portcullis.state().health().up();
    }


    /** A browser on {@code replica} holding a copy of {@code cookies}, as a thief or a load balancer would. */
    private static Browser withCookies(SsoProxy replica, Map<String, String> cookies) {
        Browser copy = replica.browser();
        copy.cookies.putAll(cookies);
        return copy;
    }


    private static String admin(SsoProxy replica, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.portcullis.adminPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aLogoutOnOneReplicaEndsTheSessionOnTheOtherWithinSeconds() {
        Browser alice = a.browser();
        a.login(alice, "/app", "alice", Map.of());
        Map<String, String> cookie = new HashMap<>(alice.cookies);
        Browser onB = withCookies(b, cookie);
        assertEquals(200, onB.get("/app").statusCode(), "the session works on both replicas");
        int upstreamOfB = b.upstream.requests().size();

        assertEquals(302, alice.get("/.portcullis/logout").statusCode());

        // "Within seconds": until the logout reaches B, B may still let the cookie through. Count those, so
        // that what B refused is known never to have reached its upstream.
        int[] letThrough = {0};
        SsoProxy.eventually(PROPAGATION, "B refuses the logged-out cookie", () -> {
            boolean refused = b.sentToLogin(withCookies(b, cookie).get("/app"));
            letThrough[0] += refused ? 0 : 1;
            return refused;
        });
        assertEquals(upstreamOfB + letThrough[0], b.upstream.requests().size(),
                "B's upstream never saw the ended session once B refused it");
        assertTrue(b.sentToLogin(withCookies(b, cookie).get("/app")), "and B goes on refusing it");
        assertEquals(upstreamOfB + letThrough[0], b.upstream.requests().size(), "nor after");
        assertTrue(a.sentToLogin(withCookies(a, cookie).get("/app")));
    }

    @Test
    void aBackChannelLogoutDeliveredToOneReplicaEndsSessionsAndTokensOnTheOther() {
        Browser alice = a.browser();
        a.login(alice, "/app", "alice", Map.of("sid", "idp-session-1"));
        Browser bob = a.browser();
        a.login(bob, "/app", "bob", Map.of("sid", "idp-session-2"));
        String bearer = a.idp.issueToken(SsoProxy.ISSUER_ID, "alice", SsoProxy.CLIENT_ID,
                Map.of("sid", "idp-session-1"), 300).serialize();
        assertEquals(200, a.browser().api("/api/x", "Authorization", "Bearer " + bearer).statusCode());
        String logoutToken = a.idp.issueToken(SsoProxy.ISSUER_ID, "alice", SsoProxy.CLIENT_ID,
                Map.of("sid", "idp-session-1",
                        "events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of())), 60).serialize();

        HttpResponse<String> logout = b.browser().post("/.portcullis/backchannel-logout", "logout_token=" + logoutToken);

        assertEquals(200, logout.statusCode(), logout.body());
        SsoProxy.eventually(PROPAGATION, "A ends alice's session", () -> a.sentToLogin(alice.get("/app")));
        HttpResponse<String> revokedBearer = a.browser().api("/api/x", "Authorization", "Bearer " + bearer);
        assertEquals(401, revokedBearer.statusCode());
        assertTrue(revokedBearer.headers().firstValue("WWW-Authenticate").orElse("").contains("token-revoked"),
                revokedBearer.headers().map().toString());
        assertEquals(200, bob.get("/app").statusCode(), "another issuer session is untouched");
    }

    @Test
    void aLimitOfTenAMinuteHoldsAcrossBothReplicas() {
        String token = a.idp.issueToken(SsoProxy.ISSUER_ID, "carol", SsoProxy.CLIENT_ID, Map.of(), 300).serialize();
        int allowed = 0;
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            SsoProxy replica = i % 2 == 0 ? a : b;
            HttpResponse<String> r = replica.browser().api("/limited/x", "Authorization", "Bearer " + token);
            if (r.statusCode() == 200) {
                allowed++;
            } else {
                assertEquals(429, r.statusCode(), r.body());
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
                refused++;
            }
        }
        // The rate-limit stage takes from the one shared bucket in a round trip, so the limit is exact
        // across replicas; without the store each would allow its own 10 (20 in all).
        assertEquals(10, allowed, "allowed");
        assertEquals(30, allowed + refused);
    }

    @Test
    void redisDownMidRunKeepsRevocationsAndLosesNothingWhenItReturns() throws Exception {
        Browser before = a.browser();
        a.login(before, "/app", "alice", Map.of());
        Map<String, String> endedBefore = new HashMap<>(before.cookies);
        assertEquals(302, before.get("/.portcullis/logout").statusCode());
        SsoProxy.eventually(PROPAGATION, "B knows the first logout", () -> b.sentToLogin(withCookies(b, endedBefore).get("/app")));
        Browser during = a.browser();
        a.login(during, "/app", "dave", Map.of());
        Map<String, String> endedDuring = new HashMap<>(during.cookies);
        assertEquals(200, withCookies(b, endedDuring).get("/app").statusCode());

        redis.kill();
        SsoProxy.eventually(Duration.ofSeconds(5), "A sees the store down", () -> !up(a));
        assertTrue(admin(a, "/metrics").contains("portcullis_state_store_up{type=\"redis\"} 0.0"));
        String ready = admin(a, "/readyz");
        // Degraded, not unready: every replica shares the outage, and leaving the load balancer would
        // turn reduced service into none. (Whether the issuer's keys loaded yet is another matter.)
        assertTrue(ready.contains("degraded: state store redis at 127.0.0.1:" + redis.port()), ready);
        assertTrue(b.sentToLogin(withCookies(b, endedBefore).get("/app")), "mirrored revocations stay enforced");
        assertEquals(302, during.get("/.portcullis/logout").statusCode());
        assertTrue(a.sentToLogin(withCookies(a, endedDuring).get("/app")), "a logout during the outage holds at once");
        assertEquals(200, withCookies(b, endedDuring).get("/app").statusCode(), "B cannot know it yet");

        redis.restart(); // empty: no persistence
        SsoProxy.eventually(Duration.ofSeconds(10), "both reconnect", () -> up(a) && up(b));
        // Replicas reconnect in no fixed order; each re-reads for a while after (RedisLink.SETTLE).
        SsoProxy.eventually(Duration.ofSeconds(15), "B learns the logout taken during the outage",
                () -> b.sentToLogin(withCookies(b, endedDuring).get("/app")));
        assertTrue(b.sentToLogin(withCookies(b, endedBefore).get("/app")), "nothing revoked before is lost");
        assertTrue(a.sentToLogin(withCookies(a, endedBefore).get("/app")));
        assertTrue(admin(a, "/metrics").contains("portcullis_state_store_up{type=\"redis\"} 1.0"));
        assertFalse(admin(a, "/readyz").contains("degraded"));
    }
}
