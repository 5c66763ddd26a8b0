package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A malformed request pipelined behind valid ones: the valid ones are answered first, in order, then
 * the malformed one gets its 400 and the connection closes. The malformed one never reaches the
 * upstream, and the 400 is never paired with a request the upstream already served.
 */
class PipelinedRefusalTest {

    static ProxyFixture fx;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> ProxyFixture.PUBLIC_APP, f -> fx = f);

    private static final String GET_ONE = "GET /app/one HTTP/1.1\r\nHost: app.test\r\n\r\n";
    private static final String GET_TWO = "GET /app/two HTTP/1.1\r\nHost: app.test\r\n\r\n";
    private static final String SMUGGLED = "GET /app/evil HTTP/1.1\r\nHost: app.test\r\nContent-Length: 1\r\n"
            + "Content-Length: 2\r\n\r\nxy";

    private void upstreamSawExactly(String... uris) throws InterruptedException {
        for (String uri : uris) {
            RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
            assertNotNull(seen, "the upstream never saw " + uri);
            assertEquals(uri, seen.uri());
        }
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(300)), "the upstream saw more than it should");
    }

    @Test
    void garbageAfterAValidRequestIsRefusedAfterItsAnswer() throws Exception {
        fx.upstream.responseDelay(Duration.ofMillis(100)); // the refusal is found long before the answer
        try (RawHttp c = fx.client()) {
            c.send(GET_ONE + "GARBAGE\r\n\r\n");
            RawHttp.Response first = c.read();
            assertEquals(200, first.status());
            assertTrue(first.body().contains("/app/one"), first.body());
            RawHttp.Response refusal = c.read();
            assertEquals(400, refusal.status());
            assertEquals("close", refusal.header("Connection"));
            assertTrue(c.closedByServer());
        }
        upstreamSawExactly("/app/one");
    }

    @Test
    void everyValidRequestBeforeAnAmbiguousOneIsAnsweredInOrder() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send(GET_ONE + GET_TWO + SMUGGLED);
            assertTrue(c.read().body().contains("/app/one"));
            assertTrue(c.read().body().contains("/app/two"));
            assertEquals(400, c.read().status());
            assertTrue(c.closedByServer());
        }
        upstreamSawExactly("/app/one", "/app/two");
    }

    @Test
    void aQueuedRequestWhoseBodyTurnsOutMalformedNeverStarts() throws Exception {
        fx.upstream.responseDelay(Duration.ofMillis(100)); // /app/one is still in flight when the body is refused
        try (RawHttp c = fx.client()) {
            c.send(GET_ONE + "POST /app/upload HTTP/1.1\r\nHost: app.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\nZZ\r\n");
            assertEquals(200, c.read().status());
            assertEquals(400, c.read().status());
            assertTrue(c.closedByServer());
        }
        upstreamSawExactly("/app/one");
    }

    @Test
    void aHalfClosedClientGetsTheRefusalToo() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send(GET_ONE + SMUGGLED).halfClose();
            assertEquals(200, c.read().status());
            assertEquals(400, c.read().status());
            assertTrue(c.closedByServer());
        }
        upstreamSawExactly("/app/one");
    }

    @Test
    void aMalformedFirstRequestIsRefusedAtOnce() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send(SMUGGLED + GET_ONE);
            assertEquals(400, c.read().status());
            assertTrue(c.closedByServer());
        }
        upstreamSawExactly();
    }
}
