package io.portcullis.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's response headers as a function of the upstream's and the exchange's facts: no channel. */
class ResponseRewriteTest {

    private record Facts(boolean headRequest, boolean http10, boolean keepAlive, String requestId,
                         List<String> sessionCookies) implements ResponseRewrite.Facts {
    }

    private static final Facts PLAIN = new Facts(false, false, true, "ours-1", List.of());

    @Test
    void hopByHopHeadersGoAndABodyWithoutLengthIsRechunked() {
        HttpHeaders h = new DefaultHttpHeaders().add("Connection", "X-Internal").add("X-Internal", "1")
                .add("Keep-Alive", "timeout=5").add("Content-Type", "text/plain");

        assertTrue(ResponseRewrite.apply(h, 200, PLAIN));
        assertFalse(h.contains("X-Internal"));
        assertFalse(h.contains("Keep-Alive"));
        assertFalse(h.contains("Connection"));
        assertEquals("chunked", h.get("Transfer-Encoding"));
        assertEquals("ours-1", h.get("X-Request-Id"));
        assertEquals("text/plain", h.get("Content-Type"));
    }

    @Test
    void anHttp10ClientGetsTheBodyDelimitedByClose() {
        HttpHeaders h = new DefaultHttpHeaders();
        assertFalse(ResponseRewrite.apply(h, 200, new Facts(false, true, true, "r", List.of())));
        assertEquals("close", h.get("Connection"));
        assertNull(h.get("Transfer-Encoding"));

        HttpHeaders withLength = new DefaultHttpHeaders().add("Content-Length", "2");
        assertTrue(ResponseRewrite.apply(withLength, 200, new Facts(false, true, true, "r", List.of())));
        assertEquals("keep-alive", withLength.get("Connection"));
    }

    @Test
    void bodylessResponsesAreNotRechunked() {
        for (int status : new int[] {204, 304}) {
            HttpHeaders h = new DefaultHttpHeaders();
            ResponseRewrite.apply(h, status, PLAIN);
            assertNull(h.get("Transfer-Encoding"), "status " + status);
        }
        HttpHeaders head = new DefaultHttpHeaders();
        ResponseRewrite.apply(head, 200, new Facts(true, false, true, "r", List.of()));
        assertNull(head.get("Transfer-Encoding"));
    }

    @Test
    void theUpstreamsRequestIdStandsAndSessionCookiesAreAdded() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Request-Id", "theirs").add("Set-Cookie", "app=1")
                .add("Content-Length", "0");
        assertFalse(ResponseRewrite.apply(h, 200, new Facts(false, false, false, "ours", List.of("s=2", "t=3"))));

        assertEquals("theirs", h.get("X-Request-Id"));
        assertEquals(List.of("app=1", "s=2", "t=3"), h.getAll("Set-Cookie"));
        assertEquals("close", h.get("Connection"));
    }

    @Test
    void aSwitchKeepsTheHandshakeHeadersAndCarriesTheCookies() {
        HttpHeaders h = new DefaultHttpHeaders().add("Upgrade", "websocket").add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", "x");
        ResponseRewrite.switching(h, new Facts(false, false, true, "r", List.of("s=2")));

        assertEquals("websocket", h.get("Upgrade"));
        assertTrue(h.containsValue("Connection", "upgrade", true));
        assertEquals("x", h.get("Sec-WebSocket-Accept"));
        assertEquals(List.of("s=2"), h.getAll("Set-Cookie"));
    }
}
