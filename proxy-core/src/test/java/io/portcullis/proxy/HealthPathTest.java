package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code health_path} on the real data listener: answered from readiness before routing, even under a
 * catch-all route, and never forwarded; off by default.
 */
class HealthPathTest {

    private static final String PUBLIC = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            %s
            routes:
              - id: all
                match: { path_prefix: / }
                upstream: ${UPSTREAM}
                policy: public
            policies:
              public:
                allow: { public: true }
            """;

    private static RawHttp.Response request(ProxyFixture fx, String method, String path) throws Exception {
        try (RawHttp c = fx.client()) {
            c.send(method + " " + path + " HTTP/1.1\r\nHost: app.test\r\n\r\n");
            return "HEAD".equals(method) ? c.readHead() : c.read();
        }
    }

    @Test
    void aReadyInstanceAnswersItselfAndTheUpstreamNeverSeesTheProbe() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(PUBLIC.formatted("health_path: /.portcullis/healthz"))) {
            RawHttp.Response r = request(fx, "GET", "/.portcullis/healthz");
            assertEquals(200, r.status());
            assertEquals("ready\n", r.body());
            assertEquals("no-store", r.header("Cache-Control"));
            assertEquals(200, request(fx, "HEAD", "/.portcullis/healthz").status());
            RawHttp.Response post = request(fx, "POST", "/.portcullis/healthz");
            assertEquals(405, post.status());
            assertEquals("GET, HEAD", post.header("Allow"));
            assertNull(fx.upstream.takeRequest(Duration.ofMillis(300)), "the catch-all route's upstream saw no probe");
            // a neighbour path is routed as usual
            assertEquals(200, request(fx, "GET", "/healthz").status());
            assertEquals("/healthz", fx.upstream.takeRequest(Duration.ofSeconds(5)).uri());
            assertTrue(fx.awaitDecision("\"health-ready\"").contains("\"status\":200"));
        }
    }

    @Test
    void anInstanceWhoseIssuerKeysNeverLoadedIsNotReady() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        String config = PUBLIC.formatted("""
                health_path: /lb-check
                issuers:
                  - id: corp
                    issuer: ${CORP_ISS}
                    jwks_uri: http://127.0.0.1:%d/jwks
                    audiences: [portcullis]""".formatted(dead));
        try (ProxyFixture fx = new ProxyFixture(config)) {
            RawHttp.Response r = request(fx, "GET", "/lb-check");
            assertEquals(503, r.status());
            assertEquals("not ready: issuer corp: keys not loaded yet\n", r.body());
            assertNull(fx.upstream.takeRequest(Duration.ofMillis(300)));
        }
    }

    @Test
    void withoutTheSettingThePathIsRouted() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(PUBLIC.formatted(""))) {
            assertEquals(200, request(fx, "GET", "/lb-check").status());
            assertEquals("/lb-check", fx.upstream.takeRequest(Duration.ofSeconds(5)).uri());
        }
    }
}
