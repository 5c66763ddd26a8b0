package io.portcullis.proxy.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** What counts as a WebSocket handshake and its acceptance. */
class WebSocketUpgradeTest {

    static HttpRequest request(HttpMethod method, HttpVersion version, String upgrade, String connection) {
        HttpRequest r = new DefaultHttpRequest(version, method, "/ws");
        if (upgrade != null) {
            r.headers().add("Upgrade", upgrade);
        }
        if (connection != null) {
            r.headers().add("Connection", connection);
        }
        return r;
    }

    @Test
    void aGetWithUpgradeWebsocketAndConnectionUpgradeIsAHandshake() {
        assertTrue(WebSocketUpgrade.requested(request(HttpMethod.GET, HttpVersion.HTTP_1_1, "websocket", "Upgrade")));
        assertTrue(WebSocketUpgrade.requested(request(HttpMethod.GET, HttpVersion.HTTP_1_1, "WebSocket",
                "keep-alive, upgrade")));
    }

    @Test
    void anythingElseIsNot() {
        assertFalse(WebSocketUpgrade.requested(request(HttpMethod.POST, HttpVersion.HTTP_1_1, "websocket", "Upgrade")));
        assertFalse(WebSocketUpgrade.requested(request(HttpMethod.GET, HttpVersion.HTTP_1_0, "websocket", "Upgrade")));
        assertFalse(WebSocketUpgrade.requested(request(HttpMethod.GET, HttpVersion.HTTP_1_1, "h2c", "Upgrade")));
        assertFalse(WebSocketUpgrade.requested(request(HttpMethod.GET, HttpVersion.HTTP_1_1, "websocket", null)));
        assertFalse(WebSocketUpgrade.requested(request(HttpMethod.GET, HttpVersion.HTTP_1_1, "websocket, h2c",
                "Upgrade")));
        HttpRequest twice = request(HttpMethod.GET, HttpVersion.HTTP_1_1, "websocket", "Upgrade");
        twice.headers().add("Upgrade", "websocket");
        assertFalse(WebSocketUpgrade.requested(twice), "two Upgrade fields are ambiguous");
    }

    @Test
    void only101WithUpgradeWebsocketAccepts() {
        var ok = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        ok.headers().add("Upgrade", "websocket").add("Connection", "Upgrade");
        assertTrue(WebSocketUpgrade.accepted(ok));
        var other = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        other.headers().add("Upgrade", "h2c").add("Connection", "Upgrade");
        assertFalse(WebSocketUpgrade.accepted(other));
        var ok200 = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        ok200.headers().add("Upgrade", "websocket").add("Connection", "Upgrade");
        assertFalse(WebSocketUpgrade.accepted(ok200));
    }

    @Test
    void restoringPutsBackExactlyTheTwoHandshakeHeaders() {
        HttpHeaders h = new DefaultHttpHeaders();
        WebSocketUpgrade.restoreHandshakeHeaders(h);
        assertEquals("websocket", h.get("Upgrade"));
        assertEquals("upgrade", h.get("Connection"));
        assertEquals(2, h.size());
    }
}
