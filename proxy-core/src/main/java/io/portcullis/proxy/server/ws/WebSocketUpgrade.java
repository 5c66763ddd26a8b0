package io.portcullis.proxy.server.ws;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Recognises a WebSocket opening handshake (RFC 6455 §4): a GET with {@code Upgrade: websocket} and
 * {@code Connection: upgrade}, and the 101 that accepts it. Only these ever carry {@code Upgrade} past
 * the proxy, and only on routes with {@code websocket: true}.
 */
public final class WebSocketUpgrade {

    private WebSocketUpgrade() {
    }

    /** True for an HTTP/1.1 GET asking to switch to WebSocket. */
    public static boolean requested(HttpRequest request) {
        return HttpMethod.GET.equals(request.method())
                && request.protocolVersion().minorVersion() == 1
                && asksForWebSocket(request.headers());
    }

    /** True for a 101 that switches to WebSocket. */
    public static boolean accepted(HttpResponse response) {
        return response.status().code() == 101 && asksForWebSocket(response.headers());
    }

    /** Puts back the two hop-by-hop headers the handshake needs after hop-by-hop headers were stripped. */
    public static void restoreHandshakeHeaders(HttpHeaders headers) {
        headers.set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    }

    private static boolean asksForWebSocket(HttpHeaders h) {
        return h.getAll(HttpHeaderNames.UPGRADE).size() == 1
                && HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(h.get(HttpHeaderNames.UPGRADE).trim())
                && h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }
}
