package io.portcullis.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.SharedProxy;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every client-side and upstream timeout, with raw sockets against the real proxy: the status and
 * reason, the connection closed, the metric counted, and nothing half-received handed to the upstream.
 */
class TimeoutsTest {

    static ProxyFixture fx;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> TimeoutsTest.CONFIG, f -> fx = f);

    static final String CONFIG = """
            timeouts: { header_read: 300ms, idle: 600ms, body_read: 300ms, upstream_response: 400ms }
            """ + ProxyFixture.EXAMPLE;



    static double timeouts(String kind) {
        for (String line : fx.portcullis.metrics().scrape().split("\n")) {
            if (line.startsWith("portcullis_timeouts_total{") && line.contains("kind=\"" + kind + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    void assertUpstreamSawNothing() throws InterruptedException {
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "the upstream must not see it");
    }

    @Test
    void slowHeadGets408AndClose() throws Exception {
        double before = timeouts("header_read");
        try (RawHttp c = fx.client()) {
            c.send("GET /public/x HTTP/1.1\r\nHost: app.test\r\nX-Slow: ");
            RawHttp.Response r = c.read();
            assertEquals(408, r.status());
            assertTrue(r.body().contains("header-read-timeout"), r.body());
            assertEquals("close", r.header("connection"));
            assertTrue(c.closedByServer());
        }
        assertUpstreamSawNothing();
        assertTrue(timeouts("header_read") > before);
    }

    @Test
    void aSilentConnectionIsClosedQuietly() throws Exception {
        try (RawHttp c = fx.client()) {
            assertTrue(c.closedByServer(), "no head at all: closed without a response");
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedQuietly() throws Exception {
        double before = timeouts("idle");
        try (RawHttp c = fx.client()) {
            assertEquals(200, c.get("/public/a").status());
            assertTrue(c.closedByServer());
        }
        assertTrue(timeouts("idle") > before);
    }

    @Test
    void aStalledBodyGets408() throws Exception {
        double before = timeouts("body_read");
        try (RawHttp c = fx.client()) {
            c.send("POST /public/upload HTTP/1.1\r\nHost: app.test\r\nContent-Length: 10\r\n\r\nabc");
            RawHttp.Response r = c.read();
            assertEquals(408, r.status());
            assertTrue(r.body().contains("body-read-timeout"), r.body());
            assertTrue(c.closedByServer());
        }
        assertUpstreamSawNothing();
        assertTrue(timeouts("body_read") > before);
    }

    @Test
    void aStalledChunkedBodyGets408() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("POST /public/upload HTTP/1.1\r\nHost: app.test\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
            assertEquals(408, c.read().status());
        }
        assertUpstreamSawNothing();
    }

    @Test
    void aSlowButSteadyBodyIsNotCutOff() throws Exception {
        // Five pieces 300ms apart: longer in all than body_read (1s), each pause far inside it, so that a
        // loaded machine's late thread cannot look like a stalled client. Its own proxy: the shared one's
        // body_read is short, for the stall tests.
        try (ProxyFixture steady = new ProxyFixture("timeouts: { body_read: 1s }\n" + ProxyFixture.EXAMPLE);
             RawHttp c = steady.client()) {
            c.send("POST /public/upload HTTP/1.1\r\nHost: app.test\r\nContent-Length: 5\r\n\r\n");
            for (char ch : "abcde".toCharArray()) {
                Thread.sleep(300);
                c.send(String.valueOf(ch));
            }
            assertEquals(200, c.read().status());
            assertEquals("abcde", steady.upstream.takeRequest(Duration.ofSeconds(5)).bodyText());
        }
    }

    @Test
    void aSlowUpstreamGets504() throws Exception {
        double before = timeouts("upstream_response");
        fx.upstream.responseDelay(Duration.ofSeconds(2));
        try (RawHttp c = fx.client()) {
            RawHttp.Response r = c.get("/public/slow");
            assertEquals(504, r.status());
            assertTrue(r.body().contains("upstream-timeout"), r.body());
        }
        assertTrue(timeouts("upstream_response") > before);
    }

    @Test
    void aSlowResponseAfterAFastOneOnTheSameConnectionGets504() throws Exception {
        // The watch is the client connection's, armed again for each request: the second request's
        // deadline must hold although the first request's watch was stopped early.
        double before = timeouts("upstream_response");
        try (RawHttp c = fx.client()) {
            assertEquals(200, c.get("/public/fast").status());
            fx.upstream.responseDelay(Duration.ofSeconds(2));
            RawHttp.Response r = c.get("/public/slow");
            assertEquals(504, r.status());
            assertTrue(r.body().contains("upstream-timeout"), r.body());
        } finally {
            fx.upstream.responseDelay(Duration.ZERO);
        }
        assertTrue(timeouts("upstream_response") > before);
    }

    /**
     * An upstream on a raw socket that reads the request, then sends {@code pieces} (a head, then body
     * pieces) with {@code pauseMillis} between them, then waits for the proxy to hang up.
     */
    static java.net.ServerSocket scriptedUpstream(long pauseMillis, String... pieces) throws IOException {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        Thread backend = new Thread(() -> {
            try (java.net.Socket s = server.accept()) {
                s.getInputStream().read(new byte[4096]);
                for (int i = 0; i < pieces.length; i++) {
                    if (i > 0) {
                        Thread.sleep(pauseMillis);
                    }
                    s.getOutputStream().write(pieces[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
                s.getInputStream().read();
            } catch (IOException | InterruptedException e) {
                // the proxy cut the connection: expected
            }
        });
        backend.setDaemon(true);
        backend.start();
        return server;
    }

    static String withRouteTimeout(java.net.ServerSocket upstream, String timeout) {
        return ProxyFixture.EXAMPLE.replace("upstream: ${UPSTREAM}\n    policy: public",
                "upstream: http://127.0.0.1:" + upstream.getLocalPort() + "\n    policy: public\n    timeout: " + timeout);
    }

    static double sum(ProxyFixture proxy, String metricPrefix, String labelText) {
        return proxy.portcullis.metrics().scrape().lines()
                .filter(l -> l.startsWith(metricPrefix) && l.contains(labelText))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aResponseStalledLongerThanTheRouteTimeoutIsCutAndLoggedAsCut() throws Exception {
        double before = timeouts("upstream_idle");
        // the head and a little of the body, then nothing more
        try (java.net.ServerSocket stalling = scriptedUpstream(0, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc");
             ProxyFixture slow = new ProxyFixture(withRouteTimeout(stalling, "400ms")); RawHttp c = slow.client()) {
            c.send("GET /public/stream HTTP/1.1\r\nHost: app.test\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status(), "the head had been passed on");
            assertEquals("abc", r.body(), "the body ends where the proxy cut it, short of its length");
            assertTrue(c.closedByServer());
            String line = slow.awaitDecision("response-cut");
            assertTrue(line.contains("\"reasons\":[\"upstream-idle-timeout\",\"response-cut\"]"), line);
            assertTrue(line.contains("\"status\":200") && line.contains("\"route\":\"public\""), line);
            assertEquals(1.0, sum(slow, "portcullis_timeouts_total{", "upstream_idle"));
            // what the upstream-error alert counts: reason=~"upstream-.*" among allowed requests
            assertEquals(1.0, sum(slow, "portcullis_requests_total{", "reason=\"upstream-idle-timeout\""));
        }
        assertEquals(before, timeouts("upstream_idle"), "a separate proxy counted it");
    }

    @Test
    void aResponseThatKeepsMovingOutlivesTheRouteTimeout() throws Exception {
        // six pieces 300ms apart: 1.8s in all, each pause far inside the 1s route timeout
        String[] pieces = new String[7];
        pieces[0] = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n";
        for (int i = 1; i < pieces.length; i++) {
            pieces[i] = String.valueOf(i);
        }
        try (java.net.ServerSocket streaming = scriptedUpstream(300, pieces);
             ProxyFixture proxy = new ProxyFixture(withRouteTimeout(streaming, "1s")); RawHttp c = proxy.client()) {
            RawHttp.Response r = c.get("/public/stream");
            assertEquals(200, r.status());
            assertEquals("123456", r.body());
            String line = proxy.awaitDecision("\"path\":\"/public/stream\"");
            assertFalse(line.contains("response-cut"), line);
            assertEquals(0.0, sum(proxy, "portcullis_timeouts_total{", "upstream_"));
        }
    }

    @Test
    void theRouteTimeoutBoundsTheTimeToTheResponseHead() throws Exception {
        try (java.net.ServerSocket silent = scriptedUpstream(0);
             ProxyFixture proxy = new ProxyFixture(withRouteTimeout(silent, "300ms")); RawHttp c = proxy.client()) {
            RawHttp.Response r = c.get("/public/slow");
            assertEquals(504, r.status());
            assertTrue(r.body().contains("upstream-timeout"), r.body());
            assertTrue(proxy.awaitDecision("upstream-timeout").contains("\"status\":504"));
            assertEquals(1.0, sum(proxy, "portcullis_timeouts_total{", "upstream_response"));
        }
    }

    @Test
    void anUnreachableUpstreamGets502() throws IOException, Exception {
        try (ProxyFixture down = new ProxyFixture(ProxyFixture.EXAMPLE.replace("upstream: ${UPSTREAM}\n    policy: public",
                "upstream: http://127.0.0.1:1\n    policy: public"));
             RawHttp c = down.client()) {
            RawHttp.Response r = c.get("/public/x");
            assertEquals(502, r.status());
            assertTrue(r.body().contains("upstream-connect-failed"), r.body());
        }
    }
}
