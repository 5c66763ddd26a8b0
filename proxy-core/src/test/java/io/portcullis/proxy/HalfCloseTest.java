package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cleartext client that half-closes after its requests (a FIN, as {@code nc -N} or a raw socket
 * sends) still gets every answer, then the connection closes; a half-close alone closes it.
 */
class HalfCloseTest {

    static ProxyFixture fx;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> ProxyFixture.PUBLIC_APP, f -> fx = f);

    @Test
    void aRequestFollowedByAHalfCloseIsAnsweredThenClosed() throws Exception {
        fx.upstream.responseDelay(Duration.ofSeconds(1)); // the FIN arrives long before the answer
        try (RawHttp c = fx.client()) {
            c.send("GET /app/one HTTP/1.1\r\nHost: app.test\r\n\r\n").halfClose();
            RawHttp.Response r = c.read();
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"), "nothing can follow, so the answer says so");
            assertTrue(c.closedByServer());
        }
        assertEquals("/app/one", fx.upstream.takeRequest(Duration.ofSeconds(5)).uri());
    }

    @Test
    void pipelinedRequestsBeforeTheHalfCloseAreAllAnsweredInOrder() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("GET /app/p1 HTTP/1.1\r\nHost: app.test\r\n\r\nGET /app/p2 HTTP/1.1\r\nHost: app.test\r\n\r\n"
                    + "GET /app/p3 HTTP/1.1\r\nHost: app.test\r\n\r\n").halfClose();
            assertTrue(c.read().body().contains("/p1"));
            assertTrue(c.read().body().contains("/p2"));
            RawHttp.Response last = c.read();
            assertTrue(last.body().contains("/p3"));
            assertEquals("close", last.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aRefusedRequestIsAnsweredAndNeverForwarded() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("GET /nowhere HTTP/1.1\r\nHost: app.test\r\n\r\n").halfClose();
            assertEquals(404, c.read().status());
            assertTrue(c.closedByServer());
        }
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(300)), "the upstream saw a refused request");
    }

    @Test
    void aHalfCloseOnAnIdleConnectionClosesIt() throws Exception {
        try (RawHttp c = fx.client()) {
            assertEquals(200, c.get("/app/warm").status());
            c.halfClose();
            assertTrue(c.closedByServer(), "a half-closed idle connection was left open");
        }
    }

    @Test
    void aHeadCutShortByTheHalfCloseIsRefusedNotForwarded() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("GET /app/partial HTTP/1.1\r\nHost: app.te").halfClose();
            assertEquals(400, c.read().status());
            assertTrue(c.closedByServer());
        }
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(300)), "a partial head reached the upstream");
    }
}
