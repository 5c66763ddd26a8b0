package io.portcullis.proxy.forward;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.proxy.server.ws.WebSocketUpgrade;
import java.util.List;

/**
 * The headers of an upstream's response on its way to the client, rewritten in place with no channel
 * in sight: hop-by-hop headers go, the body is re-framed so the client connection stays reusable,
 * {@code Connection} says whether it does, and the request id and the session's cookies are added.
 */
public final class ResponseRewrite {

    /** What the rewrite reads of one exchange; the exchange implements it, so nothing is allocated. */
    public interface Facts {

        /** Whether the client's request was HEAD: its response has no body whatever it says. */
        boolean headRequest();

        /** Whether the client spoke HTTP/1.0, which cannot read chunks. */
        boolean http10();

        /** Whether the client connection may stay open after this response, before the rewrite. */
        boolean keepAlive();

        /** The request id, added when the upstream did not set one. */
        String requestId();

        /** Set-Cookie values the session part adds to whatever response the request gets. */
        List<String> sessionCookies();
    }

    private ResponseRewrite() {
    }

    /**
     * Rewrites a final (non-1xx) response's headers.
     *
     * @return whether the client connection stays open after it: false also when the body can only
     *         end with the connection (an HTTP/1.0 client and no length)
     */
    public static boolean apply(HttpHeaders h, int status, Facts facts) {
        HopByHop.strip(h);
        boolean keepAlive = facts.keepAlive();
        boolean bodyless = facts.headRequest() || status == 204 || status == 304;
        if (!bodyless && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            if (facts.http10()) {
                // An HTTP/1.0 client can't read chunks: the body ends when we close.
                keepAlive = false;
            } else {
                // Whether the upstream chunked or delimited by close, re-chunk so the client
                // connection stays reusable.
                h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        }
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (facts.http10()) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        requestIdAndCookies(h, facts);
        return keepAlive;
    }

    /**
     * Rewrites the 101 that accepts a WebSocket handshake. A session refreshed or re-issued on the
     * handshake must reach the browser here: after the 101 there is no HTTP response left to carry it.
     */
    public static void switching(HttpHeaders h, Facts facts) {
        HopByHop.strip(h);
        WebSocketUpgrade.restoreHandshakeHeaders(h);
        requestIdAndCookies(h, facts);
    }

    private static void requestIdAndCookies(HttpHeaders h, Facts facts) {
        if (!h.contains(ForwardHeaders.X_REQUEST_ID)) {
            h.set(ForwardHeaders.X_REQUEST_ID, facts.requestId());
        }
        List<String> cookies = facts.sessionCookies();
        for (int i = 0, n = cookies.size(); i < n; i++) {
            h.add(HttpHeaderNames.SET_COOKIE, cookies.get(i));
        }
    }
}
