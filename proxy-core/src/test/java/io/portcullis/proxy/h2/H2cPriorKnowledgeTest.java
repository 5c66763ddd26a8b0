package io.portcullis.proxy.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.attacks.RawUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cleartext HTTP/2 with prior knowledge through the real proxy, next to HTTP/1.1 on the same port, and
 * HTTP/2's own malformations (RFC 9113 §8.2.2, §8.3.1) reset before anything is forwarded.
 */
class H2cPriorKnowledgeTest {

    static ProxyFixture fx;
    static H2cClient h2;

    @BeforeAll
    static void start() throws Exception {
        fx = new ProxyFixture("http2: { cleartext: true }\n" + ProxyFixture.EXAMPLE);
        h2 = new H2cClient(fx.port());
    }

    @AfterAll
    static void stop() {
        h2.close();
        fx.close();
    }

    @BeforeEach
    void clear() {
        fx.upstream.clear();
    }

    void assertUpstreamSawNothing() throws InterruptedException {
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "nothing may reach the upstream");
    }

    @Test
    void priorKnowledgeGetsHttp2() throws Exception {
        H2cClient.Result r = h2.send(H2cClient.request("GET", "/public/a/../b?q=1"), null);
        assertEquals(200, r.status());
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertEquals("/public/b?q=1", seen.uri(), "the canonical path is what the upstream gets");
        assertEquals("http", seen.header("X-Forwarded-Proto"));
        assertEquals("app.test", seen.header("Host"));
    }

    @Test
    void oneConnectionWithManyStreamsCountsAsOneConnection() throws Exception {
        try (ProxyFixture own = new ProxyFixture("http2: { cleartext: true }\n" + ProxyFixture.EXAMPLE)) {
            try (H2cClient client = new H2cClient(own.port()); RawHttp http1 = own.client()) {
                for (int i = 0; i < 5; i++) {
                    assertEquals(200, client.send(H2cClient.request("GET", "/public/" + i), null).status());
                }
                assertEquals(200, http1.get("/public/h1").status());
                assertEquals("2.0", openConnections(own), "one HTTP/2 connection (5 streams) and one HTTP/1.1");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!"0.0".equals(openConnections(own)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("0.0", openConnections(own), "both closed");
        }
    }

    private static String openConnections(ProxyFixture fx) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fx.portcullis.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(line -> line.startsWith("portcullis_connections_open "))
                .map(line -> line.substring(line.indexOf(' ') + 1)).findFirst().orElse("absent");
    }

    @Test
    void aBodyIsForwarded() throws Exception {
        H2cClient.Result r = h2.send(H2cClient.request("POST", "/public/upload"), "hello h2");
        assertEquals(200, r.status());
        assertEquals("hello h2", fx.upstream.takeRequest(Duration.ofSeconds(5)).bodyText());
    }

    @Test
    void http11StillWorksOnTheSamePort() throws Exception {
        try (RawHttp c = fx.client()) {
            assertEquals(200, c.get("/public/h1").status());
        }
        assertEquals("/public/h1", fx.upstream.takeRequest(Duration.ofSeconds(5)).uri());
    }

    @Test
    void connectionSpecificHeadersResetTheStream() throws Exception {
        for (String[] header : new String[][] {{"connection", "keep-alive"}, {"transfer-encoding", "chunked"},
                {"upgrade", "websocket"}, {"keep-alive", "5"}, {"proxy-connection", "x"}, {"te", "gzip"}}) {
            Http2Headers h = H2cClient.request("GET", "/public/x").add(header[0], header[1]);
            H2cClient.Result r = h2.send(h, null);
            assertEquals(Http2Error.PROTOCOL_ERROR.code(), r.resetCode(), header[0] + " must reset the stream");
        }
        assertUpstreamSawNothing();
        assertEquals(200, h2.send(H2cClient.request("GET", "/public/x").add("te", "trailers"), null).status(),
                "te: trailers is the one TE allowed");
    }

    @Test
    void aMissingOrEmptyPseudoHeaderResetsTheStreamAtOnce() throws Exception {
        Http2Headers[] malformed = {
            new DefaultHttp2Headers(false).path("/public/x").scheme("http").authority("app.test"),
            new DefaultHttp2Headers(false).method("GET").path("/public/x").authority("app.test"),
            new DefaultHttp2Headers(false).method("GET").scheme("http").authority("app.test"),
            H2cClient.request("GET", ""),
            new DefaultHttp2Headers(false).method("CONNECT").authority("app.test").scheme("http").path("/public/x"),
            new DefaultHttp2Headers(false).method("CONNECT"),
        };
        for (Http2Headers h : malformed) {
            // A stream left waiting would end with CANCEL at the header-read timeout, not PROTOCOL_ERROR.
            assertEquals(Http2Error.PROTOCOL_ERROR.code(), h2.send(h, null).resetCode(), h + " must reset the stream");
        }
        assertUpstreamSawNothing();
        assertEquals(200, h2.send(H2cClient.request("GET", "/public/x"), null).status(), "the connection still serves");
    }

    @Test
    void hostDisagreeingWithAuthorityResetsTheStream() throws Exception {
        Http2Headers h = H2cClient.request("GET", "/public/x").add("host", "admin.internal");
        assertEquals(Http2Error.PROTOCOL_ERROR.code(), h2.send(h, null).resetCode());
        assertUpstreamSawNothing();
    }

    @Test
    void pathTricksAreRefusedOrCanonical() throws Exception {
        for (String path : new String[] {"/public/..%2fadmin", "/admin;x", "/admin%00", "/public\\..\\admin",
                "http://evil.test/public/x"}) {
            H2cClient.Result r = h2.send(H2cClient.request("GET", path), null);
            assertEquals(400, r.status(), path);
        }
        assertEquals(401, h2.send(H2cClient.request("GET", "/public/%2e%2e/admin"), null).status());
        assertUpstreamSawNothing();
    }

    @Test
    void identityHeadersAndTrailersAreScrubbed() throws Exception {
        Http2Headers h = H2cClient.request("GET", "/public/x").add("x-forwarded-user", "admin")
                .add("x-forwarded_groups", "admins").add("x-http2-scheme", "https");
        assertEquals(200, h2.send(h, null).status());
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertFalse(seen.hasHeader("X-Forwarded-User"));
        assertFalse(seen.hasHeader("x-forwarded_groups"));
        assertFalse(seen.hasHeader("x-http2-scheme"));
        assertTrue(seen.hasHeader("X-Request-Id"));
    }

    @Test
    void identityHeadersInHttp2TrailersNeverLeaveTheProxy() throws Exception {
        try (RawUpstream raw = new RawUpstream();
             ProxyFixture fx2 = new ProxyFixture("http2: { cleartext: true }\n"
                     + ProxyFixture.EXAMPLE.replace("${UPSTREAM}", raw.url()));
             H2cClient client = new H2cClient(fx2.port())) {
            Http2Headers trailers = new io.netty.handler.codec.http2.DefaultHttp2Headers(false)
                    .add("x-forwarded-user", "admin").add("x_forwarded_groups", "admins").add("x-ok", "1");
            assertEquals(200, client.send(H2cClient.request("POST", "/public/t"), "abc", trailers).status());
            String sent = raw.request().toLowerCase(java.util.Locale.ROOT);
            assertTrue(sent.contains("x-ok: 1"), "harmless trailers pass: " + sent);
            assertFalse(sent.contains("x-forwarded-user"), sent);
            assertFalse(sent.contains("x_forwarded_groups"), sent);
        }
    }

    @Test
    void aPseudoHeaderInTrailersResetsTheStreamAndNeverReachesTheUpstream() throws Exception {
        try (RawUpstream raw = new RawUpstream();
             ProxyFixture fx2 = new ProxyFixture("http2: { cleartext: true }\n"
                     + ProxyFixture.EXAMPLE.replace("${UPSTREAM}", raw.url()));
             H2cClient client = new H2cClient(fx2.port())) {
            Http2Headers trailers = new io.netty.handler.codec.http2.DefaultHttp2Headers(false)
                    .add(":path", "/admin").add("x-ok", "1");
            H2cClient.Result r = client.send(H2cClient.request("POST", "/public/t"), "abc", trailers);
            assertEquals(Http2Error.PROTOCOL_ERROR.code(), r.resetCode(), "a trailer section with :path is malformed");
            // Whatever of the request reached the upstream before the trailers, it never ended and no trailer
            // field went out.
            String sent;
            try {
                sent = raw.request().toLowerCase(java.util.Locale.ROOT);
            } catch (java.util.concurrent.ExecutionException closedEarly) {
                sent = "";
            }
            assertFalse(sent.contains("/admin") || sent.contains("x-ok"), sent);
            assertFalse(sent.contains("\r\n0\r\n"), "the request was never completed upstream: " + sent);
        }
    }

    @Test
    void noTokenIsUnauthorizedOverHttp2() throws Exception {
        assertEquals(401, h2.send(H2cClient.request("GET", "/admin"), null).status());
        assertUpstreamSawNothing();
    }
}
