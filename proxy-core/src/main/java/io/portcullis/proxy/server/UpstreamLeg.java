package io.portcullis.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.portcullis.identity.Identity;
import io.portcullis.proxy.forward.ResponseRewrite;
import io.portcullis.proxy.routing.UpstreamTarget;
import io.portcullis.proxy.server.ws.WebSocketUpgrade;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream side of one forwarded {@link Exchange}: a connection from the event loop's
 * {@link UpstreamPool} (pooled, or new), one retry on a fresh connection when a pooled one turns out
 * to have been closed by the upstream before it saw anything, the request and its body relayed up and
 * the response relayed down, each direction pausing the other's reading when it cannot keep up (as in
 * Netty's proxy example), and the response watch.
 *
 * <p>The response watch is ONE deadline per request (the client connection's, see
 * {@link ClientConnection#watchResponse}) for the route's {@code timeout} (else
 * {@code timeouts.upstream_response}): first the time from the end of the request to the response
 * head (past it: 504), then the longest pause between two pieces of the response body (past it: the
 * response is cut). Time the client is not reading (back-pressure) does not count. A response that
 * keeps moving has no total bound.
 */
final class UpstreamLeg implements UpstreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamLeg.class);

    private final Exchange ex;
    private final ClientConnection conn;
    private final UpstreamTarget target;
    private final HttpRequest request;
    /** Body pieces read before an upstream connection took them; shared with the exchange. */
    private final ArrayDeque<HttpContent> pending;
    private final long watchNanos;
    private Channel upstream;
    private boolean reusedConnection;
    private boolean retried;
    private boolean bodySent;
    /** Inside an interim (1xx) response, which is not the client's. */
    private boolean inInterimResponse;
    private boolean responseKeepAlive;
    private long startNanos;
    private long lastProgressNanos;
    /** The response watch is armed on the client connection for this leg. */
    private boolean watching;
    private final Runnable check = this::checkResponse;

    UpstreamLeg(Exchange ex, ClientConnection conn, UpstreamTarget target, HttpRequest request,
                ArrayDeque<HttpContent> pending, Duration timeout) {
        this.ex = ex;
        this.conn = conn;
        this.target = target;
        this.request = request;
        this.pending = pending;
        this.watchNanos = timeout.toNanos();
    }

    /** Takes a pooled connection to the target, or opens one. */
    void connect() {
        Channel idle = conn.pool().pollIdle(target);
        if (idle != null) {
            reusedConnection = true;
            attach(idle);
            return;
        }
        reusedConnection = false;
        conn.pool().connect(target).addListener((ChannelFuture f) -> ex.guarded(() -> connected(f)));
    }

    private void connected(ChannelFuture f) {
        if (ex.state().ended()) {
            if (f.isSuccess()) {
                f.channel().close();
            }
            return;
        }
        if (f.isSuccess()) {
            attach(f.channel());
            return;
        }
        LOG.warn("request {}: cannot connect to upstream {} of route {}: {}", ex.requestId(), target.key(),
                ex.route().id(), f.cause() == null ? "?" : f.cause().toString());
        boolean timedOut = f.cause() instanceof ConnectTimeoutException;
        if (timedOut) {
            conn.shared().metrics().timeout("upstream_connect");
        }
        ex.upstreamFailed(timedOut ? "upstream-connect-timeout" : "upstream-connect-failed");
    }

    private void attach(Channel ch) {
        upstream = ch;
        ch.pipeline().get(UpstreamHandler.class).attach(this);
        ch.config().setAutoRead(true);
        startNanos = System.nanoTime();
        ex.state = ExchangeState.FORWARDING;
        ch.write(request);
        HttpContent c;
        while ((c = pending.poll()) != null) {
            bodySent |= c.content().isReadable();
            ch.write(c);
        }
        ch.flush();
        if (ex.expectContinue && !ex.requestComplete()) {
            conn.ctx().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        if (ex.requestComplete()) {
            watchResponse();
        } else {
            conn.clientReads(ch.isWritable());
        }
    }

    /** Whether an upstream connection carries the request (else its pieces wait in {@code pending}). */
    boolean attached() {
        return upstream != null;
    }

    /** Relays one piece of the request body; ownership passes. */
    void clientContent(HttpContent content) {
        bodySent |= content.content().isReadable();
        if (content instanceof LastHttpContent) {
            upstream.writeAndFlush(content);
            watchResponse();
            // Reading goes on: what a client sends next is a pipelined request, which the connection
            // queues (and pauses reading then). Pausing here and resuming after every response cost
            // two epoll_ctl calls per request.
        } else {
            upstream.write(content);
            if (!upstream.isWritable()) {
                conn.clientReads(false);
            }
        }
    }

    /** Sends what the client's last read batch added to the request body. */
    void flush() {
        if (upstream != null) {
            upstream.flush();
        }
    }

    /** The client can take more (or no more) of the response: read the upstream accordingly. */
    void clientWritabilityChanged(boolean writable) {
        if (upstream != null) {
            upstream.config().setAutoRead(writable);
        }
    }

    // What the upstream sends: a failure of our own while handling it is the exchange's, not the upstream's.

    @Override
    public void onResponseHead(HttpResponse response) {
        try {
            responseHead(response);
        } catch (RuntimeException e) {
            ex.failed(e);
        }
    }

    @Override
    public void onResponseContent(HttpContent content) {
        try {
            responseContent(content);
        } catch (RuntimeException e) {
            ex.failed(e);
        }
    }

    private void responseHead(HttpResponse response) {
        if (ex.state().ended()) {
            return;
        }
        if (ex.websocket && WebSocketUpgrade.accepted(response)) {
            // the 101 goes on; the relay starts after its end
            cancelWatch();
            conn.shared().metrics().upstreamLatency(System.nanoTime() - startNanos);
            ex.status = 101;
            ex.state = ExchangeState.SWITCHING;
            ResponseRewrite.switching(response.headers(), ex);
            conn.ctx().write(response);
            return;
        }
        int code = response.status().code();
        if (code >= 100 && code < 200) {
            // We never forward Expect or Upgrade, so an interim response is not for the client.
            inInterimResponse = true;
            return;
        }
        conn.shared().metrics().upstreamLatency(System.nanoTime() - startNanos);
        responseKeepAlive = HttpUtil.isKeepAlive(response);
        lastProgressNanos = System.nanoTime();
        ex.status = code;
        ex.keepAlive = ResponseRewrite.apply(response.headers(), code, ex);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        ex.state = ExchangeState.STREAMING_RESPONSE;
        conn.ctx().write(response);
        watchResponse();
        if (LiveRegistration.longLived(response)) {
            LiveRegistration.stream(ex);
        }
    }

    private void responseContent(HttpContent content) {
        ExchangeState state = ex.state();
        boolean last = content instanceof LastHttpContent;
        if (state == ExchangeState.SWITCHING && last) {
            conn.ctx().writeAndFlush(content);
            switchToRelay();
            return;
        }
        if (inInterimResponse || state != ExchangeState.STREAMING_RESPONSE) {
            content.release();
            inInterimResponse &= !last;
            return;
        }
        lastProgressNanos = System.nanoTime();
        ChannelHandlerContext client = conn.ctx();
        if (!last) {
            client.write(content);
            if (!client.channel().isWritable() && upstream != null) {
                upstream.config().setAutoRead(false);
            }
            return;
        }
        client.writeAndFlush(content);
        Channel u = upstream;
        boolean reusable = responseKeepAlive && ex.requestComplete();
        detach(reusable);
        if (!reusable && u != null) {
            u.close();
        }
        ex.responseEnded();
    }

    @Override
    public void onUpstreamReadComplete() {
        conn.ctx().flush();
    }

    @Override
    public void onUpstreamWritabilityChanged(boolean writable) {
        if (!ex.requestComplete() && !ex.state().ended()) {
            conn.clientReads(writable);
        }
    }

    @Override
    public void onUpstreamClosed(Throwable cause) {
        if (ex.state().ended()) {
            return;
        }
        upstream = null;
        if (ex.state().responseStarted()) {
            // Part of the response is already on its way: the only honest signal left is to close.
            ex.cut("upstream-aborted");
        } else if (reusedConnection && !retried && !bodySent && ex.requestComplete()) {
            // A pooled connection the upstream had already closed: one retry on a fresh one.
            retried = true;
            cancelWatch();
            connect();
        } else {
            ex.upstreamFailed("upstream-closed");
        }
    }

    /** Starts the response watch if it is not running: at the end of the request, or at an early head. */
    private void watchResponse() {
        if (watching) {
            return;
        }
        if (!ex.state().responseStarted()) {
            lastProgressNanos = System.nanoTime();
        }
        conn.watchResponse(check, watchNanos);
        watching = true;
    }

    private void checkResponse() {
        try {
            checkResponseWatch();
        } catch (RuntimeException e) {
            ex.failed(e);
        }
    }

    private void checkResponseWatch() {
        watching = false; // it fired
        ExchangeState state = ex.state();
        if (state.ended() || state == ExchangeState.SWITCHING) {
            return;
        }
        long now = System.nanoTime();
        boolean started = state.responseStarted();
        if (started && upstream != null && !upstream.config().isAutoRead()) {
            lastProgressNanos = now; // the client is not reading: not the upstream's pause
        }
        long left = watchNanos - (now - lastProgressNanos);
        if (left > 0) {
            conn.watchResponse(check, left);
            watching = true;
            return;
        }
        if (started) {
            conn.shared().metrics().timeout("upstream_idle");
            ex.cut("upstream-idle-timeout");
        } else {
            drop();
            conn.shared().metrics().timeout("upstream_response");
            ex.upstreamFailed("upstream-timeout");
        }
    }

    void cancelWatch() {
        if (watching) {
            conn.stopResponseWatch();
            watching = false;
        }
    }

    /** Closes the upstream connection, if any, without reading more from it: it never sees the request end. */
    void drop() {
        Channel u = upstream;
        detach(false);
        if (u != null) {
            u.close();
        }
    }

    /**
     * The 101 went out whole: the exchange ends (logged with status 101) and both connections go to
     * the byte relay, the upstream one out of the pool for good.
     */
    private void switchToRelay() {
        Channel u = upstream;
        detach(false);
        ex.switched();
        Identity id = ex.verdict.identity();
        Instant closeAt = ex.route.config().transport().websocketTokenExpiry() && id != null ? id.expiresAt() : null;
        WebSocketSwitch.relay(conn.ctx().channel(), u, conn.shared().metrics(), closeAt, conn.shared().clock());
        LiveRegistration.websocket(ex, conn.ctx().channel(), u);
    }

    private void detach(boolean reuse) {
        Channel u = upstream;
        upstream = null;
        if (u == null) {
            return;
        }
        if (reuse) {
            conn.pool().release(target, u);
        } else {
            UpstreamHandler uh = u.pipeline().get(UpstreamHandler.class);
            if (uh != null) {
                uh.detach();
            }
        }
    }
}
