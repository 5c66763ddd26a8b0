package io.portcullis.proxy.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.portcullis.proxy.live.LiveEntry;
import io.portcullis.proxy.server.ws.PolicyClose;

/**
 * Puts an {@link Exchange} that stays open into the live registry: a relayed WebSocket (for as long as
 * its client connection lives) or a long response while it streams. Closing one that is no longer
 * allowed: the WebSocket gets a 1008 close frame; the streaming response is cut, which on HTTP/1.1
 * closes the connection and on HTTP/2 resets the stream (its channel's close is RST_STREAM CANCEL).
 */
final class LiveRegistration {

    /** A response at least this long counts as long-lived even with a Content-Length (a download). */
    static final long LONG_BODY_BYTES = 1 << 20;

    private LiveRegistration() {
    }

    /** Whether {@code response} may stream for long: no length (chunked, SSE, until close) or a large one. */
    static boolean longLived(HttpResponse response) {
        if (HttpUtil.isTransferEncodingChunked(response) || !response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            return true;
        }
        return HttpUtil.getContentLength(response, 0L) >= LONG_BODY_BYTES;
    }

    /** Registers the streaming response of {@code ex}; it leaves the registry when the exchange ends. */
    static void stream(Exchange ex) {
        if (ex.allowedAs == null) {
            return;
        }
        ex.live = entry(ex, LiveEntry.Kind.STREAM, ex.conn.ctx().channel(), ex::cut);
        ex.shared.live().register(ex.live, ex.route.config().transport().liveExpiry());
    }

    /** Registers the relay of {@code ex}'s WebSocket; it leaves the registry when the client side closes. */
    static void websocket(Exchange ex, Channel client, Channel upstream) {
        if (ex.allowedAs == null) {
            return;
        }
        LiveEntry e = entry(ex, LiveEntry.Kind.WEBSOCKET, client, reason -> PolicyClose.close(client, upstream));
        ex.shared.live().register(e, ex.route.config().transport().liveExpiry());
        client.closeFuture().addListener(f -> ex.shared.live().remove(e));
    }

    private static LiveEntry entry(Exchange ex, LiveEntry.Kind kind, Channel ch,
                                   io.portcullis.proxy.live.LiveClose closer) {
        String device = ex.verdict.posture() == null ? null : ex.verdict.posture().deviceId();
        return new LiveEntry(kind, kind == LiveEntry.Kind.WEBSOCKET ? 101 : ex.status, ex.allowedAs, ex.verdict.identity(),
                device, ch.eventLoop(), closer);
    }
}
