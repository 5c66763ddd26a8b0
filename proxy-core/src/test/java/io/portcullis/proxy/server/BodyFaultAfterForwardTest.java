package io.portcullis.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * A request body found malformed after the request's head went upstream, on a pooled upstream
 * connection (the head goes out at once there): the client still gets its 400, both connections
 * close, the upstream never sees the body end, and the decision line has the status sent.
 */
class BodyFaultAfterForwardTest {

    private static final String POST = "POST /public/upload HTTP/1.1\r\nHost: app.test\r\nTransfer-Encoding: chunked\r\n\r\n";

    private static String config(KeepAliveRawUpstream upstream) {
        return ProxyFixture.EXAMPLE.replace("upstream: ${UPSTREAM}\n    policy: public",
                "upstream: " + upstream.url() + "\n    policy: public");
    }

    private static void awaitReceived(KeepAliveRawUpstream upstream, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (upstream.received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, upstream.received.size(), "requests the upstream saw: " + upstream.received);
    }

    @Test
    void aMalformedChunkOnAPooledConnectionGets400AndTheUpstreamNeverSeesTheBodyEnd() throws Exception {
        try (KeepAliveRawUpstream upstream = new KeepAliveRawUpstream();
             ProxyFixture fx = new ProxyFixture(config(upstream)); RawHttp c = fx.client()) {
            c.send(POST + "2\r\nok\r\n0\r\n\r\n");
            assertEquals(200, c.read().status(), "the first request leaves its upstream connection pooled");
            awaitReceived(upstream, 1);

            c.send(POST + "2\r\nab\r\nzz\r\nxyz\r\n0\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(400, r.status());
            assertTrue(r.body().contains("body-malformed"), r.body());
            assertEquals("close", r.header("connection"));
            assertTrue(c.closedByServer());

            awaitReceived(upstream, 2);
            assertEquals(1, upstream.connections.size(), "the second request went on the pooled connection");
            KeepAliveRawUpstream.Received second = upstream.received.get(1);
            assertEquals("eof", second.ending(), "the upstream connection closed before the body ended");
            assertTrue(second.raw().startsWith("POST /public/upload HTTP/1.1\r\n"), second.raw());
            assertFalse(second.raw().contains("xyz"), second.raw());
            String line = fx.awaitDecision("body-malformed");
            assertTrue(line.contains("\"status\":400"), line);
            assertTrue(line.contains("\"path\":\"/public/upload\""), line);
        }
    }

    @Test
    void aBodyOverTheLimitOnAPooledConnectionGets413AndTheUpstreamNeverSeesTheBodyEnd() throws Exception {
        try (KeepAliveRawUpstream upstream = new KeepAliveRawUpstream();
             ProxyFixture fx = new ProxyFixture("limits: { max_body_bytes: 8 }\n" + config(upstream));
             RawHttp c = fx.client()) {
            c.send(POST + "2\r\nok\r\n0\r\n\r\n");
            assertEquals(200, c.read().status());
            awaitReceived(upstream, 1);

            c.send(POST + "6\r\nabcdef\r\n6\r\nghijkl\r\n0\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(413, r.status());
            assertTrue(c.closedByServer());
            awaitReceived(upstream, 2);
            assertEquals("eof", upstream.received.get(1).ending());
            assertFalse(upstream.received.get(1).raw().contains("ghijkl"));
            assertTrue(fx.awaitDecision("body-too-large").contains("\"status\":413"));
        }
    }
}
