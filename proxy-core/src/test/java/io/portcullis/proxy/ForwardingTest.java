package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RecordedRequest;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forwarding mechanics on a public route: framing, streaming, keep-alive, hop-by-hop, 502/504. */
class ForwardingTest {

    static ProxyFixture fx;
    static int deadPort;

    static final String CONFIG = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            trusted_proxies: [10.0.0.0/8]
            routes:
              - id: slow
                match: { path_prefix: /slow }
                upstream: ${UPSTREAM}
                policy: public
                timeout: 300ms
              - id: dead
                match: { path_prefix: /dead }
                upstream: http://127.0.0.1:${DEAD}
                policy: public
              - id: app
                match: { path_prefix: / }
                upstream: ${UPSTREAM}/base
                policy: public
                identity_headers:
                  X-Forwarded-User: sub
            policies:
              public:
                allow: { public: true }
            """;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        fx = new ProxyFixture(CONFIG.replace("${DEAD}", String.valueOf(deadPort)));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void reset() {
        fx.upstream.clear();
        fx.upstream.responseDelay(Duration.ZERO);
        fx.upstream.responseBodyBytes(-1);
    }

    @Test
    void upstreamBasePathIsPrefixed() throws Exception {
        try (RawHttp c = fx.client()) {
            assertEquals(200, c.get("/x/y?z=1").status());
        }
        assertEquals("/base/x/y?z=1", fx.upstream.takeRequest(Duration.ofSeconds(5)).uri());
    }

    @Test
    void hopByHopAndConnectionNamedHeadersAreRemoved() throws Exception {
        try (RawHttp c = fx.client()) {
            c.get("/h", "Connection: keep-alive, X-Secret-Hop", "X-Secret-Hop: 1", "Keep-Alive: timeout=5",
                    "Proxy-Authorization: Basic Zm9vOmJhcg==", "TE: trailers", "Upgrade: websocket",
                    "X-Original-URL: /admin", "X-HTTP-Method-Override: DELETE", "X-Real-IP: 6.6.6.6");
        }
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        for (String h : new String[] {"X-Secret-Hop", "Keep-Alive", "Proxy-Authorization", "TE", "Upgrade",
            "X-Original-URL", "X-HTTP-Method-Override", "X-Real-IP"}) {
            assertFalse(seen.hasHeader(h), h + " must not be forwarded");
        }
    }

    @Test
    void forwardedForIsReplacedForUntrustedPeers() throws Exception {
        try (RawHttp c = fx.client()) {
            c.get("/f", "X-Forwarded-For: 1.2.3.4", "X-Forwarded-Host: evil.example", "Forwarded: for=1.2.3.4");
        }
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertEquals("127.0.0.1", seen.header("X-Forwarded-For"));
        assertEquals("app.test", seen.header("X-Forwarded-Host"));
        assertFalse(seen.hasHeader("Forwarded"));
    }

    @Test
    void spoofedIdentityHeaderIsRemovedEvenWithoutIdentity() throws Exception {
        try (RawHttp c = fx.client()) {
            c.get("/s", "X-Forwarded-User: root", "x-forwarded-user: root2");
        }
        assertFalse(fx.upstream.takeRequest(Duration.ofSeconds(5)).hasHeader("X-Forwarded-User"));
    }

    @Test
    void requestBodyStreamsWithContentLengthAndChunked() throws Exception {
        byte[] big = new byte[1_000_000];
        java.util.Arrays.fill(big, (byte) 'a');
        try (RawHttp c = fx.client()) {
            c.send("POST /upload HTTP/1.1\r\nHost: app.test\r\nContent-Length: " + big.length + "\r\n\r\n");
            c.send(big);
            assertEquals(200, c.read().status());
            c.send("POST /upload2 HTTP/1.1\r\nHost: app.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            assertEquals(200, c.read().status());
        }
        assertEquals(big.length, fx.upstream.takeRequest(Duration.ofSeconds(5)).body().length);
        assertEquals("hello world", fx.upstream.takeRequest(Duration.ofSeconds(5)).bodyText());
    }

    @Test
    void largeResponseStreamsBack() throws Exception {
        fx.upstream.responseBodyBytes(3_000_000);
        try (RawHttp c = fx.client()) {
            RawHttp.Response r = c.get("/big");
            assertEquals(200, r.status());
            assertEquals(3_000_000, r.body().length());
        }
    }

    @Test
    void keepAliveReusesClientAndUpstreamConnections() throws Exception {
        int before = fx.upstream.connectionsAccepted();
        try (RawHttp c = fx.client()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, c.get("/k" + i).status());
            }
        }
        assertTrue(fx.upstream.connectionsAccepted() - before <= 1, "upstream connections are pooled");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("GET /p1 HTTP/1.1\r\nHost: app.test\r\n\r\nGET /p2 HTTP/1.1\r\nHost: app.test\r\n\r\n");
            assertTrue(c.read().body().contains("/base/p1"));
            assertTrue(c.read().body().contains("/base/p2"));
        }
    }

    @Test
    void slowUpstreamIs504() throws Exception {
        fx.upstream.responseDelay(Duration.ofSeconds(2));
        try (RawHttp c = fx.client()) {
            RawHttp.Response r = c.get("/slow/x");
            assertEquals(504, r.status());
            assertTrue(r.body().contains("upstream-timeout"));
        }
    }

    @Test
    void refusedUpstreamIs502() throws Exception {
        try (RawHttp c = fx.client()) {
            RawHttp.Response r = c.get("/dead/x");
            assertEquals(502, r.status());
            assertTrue(r.body().contains("upstream-connect-failed"), r.body());
            assertFalse(r.body().contains("Exception"));
        }
    }

    @Test
    void headRequestHasNoBody() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("HEAD /head HTTP/1.1\r\nHost: app.test\r\n\r\n");
            RawHttp.Response r = c.readHead();
            assertEquals(200, r.status());
            // the same connection still works: no stray body bytes were sent
            assertEquals(200, c.get("/after-head").status());
        }
    }

    @Test
    void browsersGetAnHtmlErrorPage() throws Exception {
        try (RawHttp c = fx.client()) {
            RawHttp.Response r = c.get("/dead/x", "Accept: text/html,application/xhtml+xml");
            assertEquals(502, r.status());
            assertTrue(r.header("content-type").startsWith("text/html"));
            assertTrue(r.body().contains("Request id"));
        }
    }
}
