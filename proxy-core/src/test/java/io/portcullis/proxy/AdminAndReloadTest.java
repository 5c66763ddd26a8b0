package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin listener (metrics, health, readiness) and config reload. */
class AdminAndReloadTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> admin(ProxyFixture fx, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.portcullis.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void waitReady(ProxyFixture fx) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (admin(fx, "/readyz").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never ready: " + admin(fx, "/readyz").body());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void metricsHealthAndReadiness() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.EXAMPLE)) {
            assertEquals(200, admin(fx, "/healthz").statusCode());
            waitReady(fx);
            try (RawHttp c = fx.client()) {
                c.get("/admin");
                c.get("/public/x");
            }
            String metrics = admin(fx, "/metrics").body();
            assertTrue(metrics.contains("portcullis_requests_total{decision=\"deny\",reason=\"token-missing\",route=\"admin\"} 1.0"), metrics);
            assertTrue(metrics.contains("portcullis_requests_total{decision=\"allow\",reason=\"public\",route=\"public\"}")
                    || metrics.contains("route=\"public\""), metrics);
            assertTrue(metrics.contains("portcullis_decision_latency_seconds_bucket"));
            assertTrue(metrics.contains("portcullis_upstream_latency_seconds_bucket"));
            assertTrue(metrics.contains("portcullis_jwks_fetches_total{issuer=\"corp\",result=\"success\"}"), metrics);
            assertTrue(metrics.contains("portcullis_connections_open"));
            assertTrue(metrics.contains("jvm_memory_used_bytes"));
            assertTrue(metrics.contains("netty_allocator_memory_used"));
            // the data plane does not serve admin endpoints
            try (RawHttp c = fx.client()) {
                assertEquals(404, c.get("/metrics").status());
            }
        }
    }

    @Test
    void readinessReportsStaleIssuersButStaysReady() throws Exception {
        Portcullis.IdentityFactory quickRefetch = (c, e) -> io.portcullis.identity.DefaultIdentityService.start(c, e,
                io.portcullis.identity.IdentitySettings.defaults()
                        .withUnknownKidRefetchInterval(java.time.Duration.ofMillis(100)));
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.EXAMPLE, quickRefetch)) {
            waitReady(fx);
            fx.corp.outage(true);
            long deadline = System.nanoTime() + 10_000_000_000L;
            String body = admin(fx, "/readyz").body();
            while (!body.contains("corp") && System.nanoTime() < deadline) {
                // An unknown kid forces a refetch, which fails during the outage.
                try (RawHttp c = fx.client()) {
                    c.get("/admin", "Authorization: Bearer " + fx.corp.token().kid("unknown-kid").sign());
                }
                Thread.sleep(50);
                body = admin(fx, "/readyz").body();
            }
            HttpResponse<String> r = admin(fx, "/readyz");
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("stale") && r.body().contains("corp"), r.body());
            assertTrue(admin(fx, "/metrics").body().contains("portcullis_issuer_keys_stale{issuer=\"corp\"} 1.0"));
        }
    }

    @Test
    void notReadyWhileAnIssuerHasNoKeys() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.EXAMPLE.replace("${MDM_JWKS}", "http://127.0.0.1:9/none"))) {
            HttpResponse<String> r = admin(fx, "/readyz");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!r.body().contains("mdm") && System.nanoTime() < deadline) {
                // corp's keys may still be loading; once they are, mdm is what keeps us unready
                assertEquals(503, r.statusCode());
                Thread.sleep(20);
                r = admin(fx, "/readyz");
            }
            assertEquals(503, r.statusCode());
            assertTrue(r.body().contains("mdm"), r.body());
            assertEquals(200, admin(fx, "/healthz").statusCode());
        }
    }

    @Test
    void reloadSwapsAValidConfigAndKeepsTheOldOneOnError() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.EXAMPLE)) {
            try (RawHttp c = fx.client()) {
                assertEquals(404, c.get("/new/x").status());
            }
            fx.writeConfig(ProxyFixture.EXAMPLE.replace("routes:\n", """
                    routes:
                      - id: added
                        match: { path_prefix: /new }
                        upstream: ${UPSTREAM}
                        policy: public
                    """));
            assertTrue(fx.portcullis.reload());
            try (RawHttp c = fx.client()) {
                assertEquals(200, c.get("/new/x").status());
            }
            fx.writeConfig(ProxyFixture.EXAMPLE.replace("policy: public", "policy: no-such-policy"));
            assertFalse(fx.portcullis.reload());
            try (RawHttp c = fx.client()) {
                assertEquals(200, c.get("/new/x").status(), "the running config is kept");
            }
            String metrics = admin(fx, "/metrics").body();
            assertTrue(metrics.contains("portcullis_config_reloads_total{result=\"failure\"} 1.0"), metrics);
            assertTrue(metrics.contains("portcullis_config_reloads_total{result=\"success\"} 1.0"), metrics);
        }
    }

    @Test
    void editingTheFileReloadsItWithoutASignal(@TempDir java.nio.file.Path dir) throws Exception {
        io.portcullis.fixtures.EchoUpstream up = io.portcullis.fixtures.EchoUpstream.start();
        java.nio.file.Path file = dir.resolve("p.yaml");
        String base = """
                listen: 127.0.0.1:0
                admin: 127.0.0.1:0
                routes:
                  - id: r
                    match: { path_prefix: /one }
                    upstream: %s
                    policy: public
                policies:
                  public:
                    allow: { public: true }
                """.formatted(up.url());
        java.nio.file.Files.writeString(file, base);
        try (Portcullis p = Portcullis.start(file, ConfigCompiler.compile(file),
                io.portcullis.identity.DefaultIdentityService::start, true)) {
            try (RawHttp c = new RawHttp(p.port())) {
                assertEquals(404, c.get("/two").status());
            }
            java.nio.file.Files.writeString(file, base.replace("/one", "/two"));
            long deadline = System.nanoTime() + 15_000_000_000L;
            int status = 404;
            while (status != 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                try (RawHttp c = new RawHttp(p.port())) {
                    status = c.get("/two").status();
                }
            }
            assertEquals(200, status, "the edited file was picked up");
        } finally {
            up.close();
        }
    }
}
