package io.portcullis.proxy.state;

import static io.portcullis.proxy.state.RedisStores.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.RedisStateConfig;
import io.portcullis.fixtures.DPoPClient;
import io.portcullis.fixtures.RedisServerProcess;
import io.portcullis.identity.revocation.Revocation;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.tls.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a real redis-server speaking TLS with a certificate of a CA made here:
 * with that CA as {@code ca_file} the store connects and replicas share one-time values; with another
 * CA it says the TLS handshake failed and which settings to check, and runs degraded as documented
 * (one-time values and revocations per replica; a proxy answers, never a 5xx loop). Skipped, saying
 * why, where redis-server is absent or built without TLS.
 */
class RedisTlsTest {

    private static final Duration SOON = Duration.ofSeconds(20);
    private static RedisServerProcess redis;
    private static Path rightCa;
    private static Path wrongCa;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        RedisStores.assumeRedis();
        TestPki pki = TestPki.create("redis-test-ca");
        Path cert = pki.server().write(dir, "server");
        rightCa = pki.writeCa(dir, "ca");
        wrongCa = TestPki.create("someone-elses-ca").writeCa(dir, "other-ca");
        try {
            redis = RedisServerProcess.startTls(cert, dir.resolve("server.key"), rightCa);
        } catch (IllegalStateException e) {
            Assumptions.assumeFalse(RedisServerProcess.tlsUnsupported(e),
                    "this redis-server was built without TLS (BUILD_TLS=yes): " + e.getMessage());
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    private static RedisStateConfig config(Path ca) {
        return new RedisStateConfig(URI.create(redis.tlsUrl()), null, null, ca, null, null, 0, "tls:",
                Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    private static boolean first(StateStore store, String value) throws Exception {
        return store.replays().firstUse("dpop", value, Duration.ofMinutes(1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void withItsCaTheStoreConnectsAndReplicasShareOneTimeValues() throws Exception {
        try (RedisStateStore a = new RedisStateStore(config(rightCa), StateEvents.NONE, Clock.systemUTC());
             RedisStateStore b = new RedisStateStore(config(rightCa), StateEvents.NONE, Clock.systemUTC())) {
            eventually(SOON, "both connected over TLS", () -> a.health().up() && b.health().up());
            assertNull(a.health().reason());
            assertTrue(first(a, "tls-jti-1"));
            assertFalse(first(b, "tls-jti-1"), "the other replica saw it through Redis");
        }
    }

    @Test
    void withAnotherCaItSaysWhyAndRunsDegradedAsDocumented() throws Exception {
        java.util.List<String> fallbacks = new java.util.concurrent.CopyOnWriteArrayList<>();
        StateEvents events = new StateEvents() {
            @Override
            public void fallback(String operation) {
                fallbacks.add(operation);
            }
        };
        try (RedisStateStore wrong = new RedisStateStore(config(wrongCa), events, Clock.systemUTC());
             RedisStateStore right = new RedisStateStore(config(rightCa), StateEvents.NONE, Clock.systemUTC())) {
            eventually(SOON, "the TLS failure is named", () -> wrong.health().reason() != null
                    && wrong.health().reason().contains("TLS handshake failed (check ca_file"));
            assertFalse(wrong.health().up());
            assertTrue(wrong.health().reason().startsWith("redis at 127.0.0.1:" + redis.port() + ": "),
                    wrong.health().reason());

            // One-time values: this replica's own memory, which still refuses what it has seen.
            assertTrue(first(wrong, "tls-jti-2"));
            assertFalse(first(wrong, "tls-jti-2"));
            assertTrue(fallbacks.contains("replay"), fallbacks.toString());
            eventually(SOON, "the right CA connects", () -> right.health().up());
            assertTrue(first(right, "tls-jti-2"), "documented: another replica is not told during the outage");

            // Revocations: applied at once on the replica that took it, kept for when Redis is reachable.
            Instant now = Instant.now();
            wrong.revocations().revoke(new Revocation(Revocation.Kind.SID, "corp", "s-tls", now, now.plusSeconds(3600)));
            assertNotNull(wrong.revocations().revokedAt(Revocation.Kind.SID, "corp", "s-tls"));
        }
    }

    @Test
    void aProxyWithTheWrongCaIsReadyDegradedAndStillAnswers() throws Exception {
        String config = """
                listen: 127.0.0.1:0
                admin: 127.0.0.1:0
                state:
                  type: redis
                  url: %s
                  ca_file: %s
                  command_timeout: 500ms
                issuers:
                  - id: corp
                    issuer: ${CORP_ISS}
                    jwks_uri: ${CORP_JWKS}
                    audiences: [portcullis]
                    algorithms: [RS256]
                routes:
                  - id: api
                    match: { path_prefix: /api }
                    upstream: ${UPSTREAM}
                    policy: signed-in
                policies:
                  signed-in:
                    allow: { authenticated: true }
                """.formatted(redis.tlsUrl(), wrongCa);
        try (ProxyFixture fx = new ProxyFixture(config)) {
            HttpClient http = HttpClient.newHttpClient();
            URI readyz = URI.create("http://127.0.0.1:" + fx.portcullis.adminPort() + "/readyz");
            // The store's failure can be named while the issuer's keys are still being fetched (503 "not ready"):
            // wait for both, then check that degraded still means ready.
            eventually(SOON, "/readyz names the TLS failure once the keys are in",
                    () -> body(http, readyz).startsWith("ready") && body(http, readyz).contains("TLS handshake failed"));
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), "degraded, not unready: every replica shares the outage");
            assertTrue(ready.body().startsWith("ready; degraded: state store redis at 127.0.0.1:" + redis.port()),
                    ready.body());

            DPoPClient key = DPoPClient.es256();
            String token = fx.corp.token().subject("alice").claim("cnf", key.cnf()).sign();
            String proof = key.proof("GET", "http://app.test/api/x", token);
            try (RawHttp c = fx.client()) {
                assertEquals(200, c.get("/api/x", "Authorization: DPoP " + token, "DPoP: " + proof).status());
            }
            assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)));
            try (RawHttp c = fx.client()) {
                RawHttp.Response replay = c.get("/api/x", "Authorization: DPoP " + token, "DPoP: " + proof);
                assertEquals(401, replay.status(), "the replica's own memory still refuses a replay");
                assertTrue(replay.body().contains("dpop-replayed"), replay.body());
            }
            assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
        }
    }

    private static String body(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }
}
