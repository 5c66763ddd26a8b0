package io.portcullis.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.config.TimeoutsConfig;
import io.portcullis.proxy.edge.EdgeRefusal;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection (or one HTTP/2 stream, which is a connection of one request): requests in,
 * one {@link ConnectionExchange} at a time, in order. It owns what belongs to the connection rather
 * than to a request: pipelined requests wait in a backlog (reading paused) and are replayed when the
 * exchange before them ends; a client's half-close is honoured (what it sent is answered, then the
 * connection closes); the wait timer (header_read for a head begun or the first one, idle between
 * requests); the shutdown drain; and the edge's refusals, which arrive as {@link EdgeRefusal} events.
 * Everything runs on the connection's event loop.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final ProxyContext shared;
    private final UpstreamPool pool;
    private final ConnectionExchange.Factory exchanges;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>(2);
    private ChannelHandlerContext ctx;
    private ConnectionExchange current;
    private int requestsOnConnection;
    /** No further request is read or started: the connection is on its way out. */
    private boolean closing;
    /** A backlog replay is running (an exchange may end inside it). */
    private boolean draining;
    /** The server is stopping: the exchange in flight is the last. */
    private boolean shuttingDown;
    /** The client half-closed: no request can follow the ones already read. */
    private boolean inputShutdown;
    /** The edge refused a request pipelined behind the current one: sent once those before it are answered. */
    private EdgeRefusal deferredRefusal;
    private WaitDeadline wait;
    /** The current exchange's response watch (its upstream leg's), one per connection like {@link #wait}. */
    private WaitDeadline responseWatch;
    private Runnable responseCheck;
    private HeadActivity headActivity;

    ClientConnection(ProxyContext shared, UpstreamPool pool, ConnectionExchange.Factory exchanges) {
        this.shared = shared;
        this.pool = pool;
        this.exchanges = exchanges;
    }

    /** A connection whose exchanges are the proxy's own. */
    static ClientConnection proxying(ProxyContext shared, UpstreamPool pool) {
        return new ClientConnection(shared, pool, Exchange::new);
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    ProxyContext shared() {
        return shared;
    }

    UpstreamPool pool() {
        return pool;
    }

    /** Requests started on this connection, the current one included. */
    int requestsOnConnection() {
        return requestsOnConnection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        wait = new WaitDeadline(ctx.executor(), () -> {
            if (current == null && ctx.channel().isActive() && !closing) {
                waitExpired();
            }
        });
        responseWatch = new WaitDeadline(ctx.executor(), () -> {
            Runnable check = responseCheck;
            responseCheck = null;
            if (check != null) {
                check.run();
            }
        });
        headActivity = ctx.pipeline().get(HeadActivity.class);
        if (headActivity != null) {
            // a head begun on an idle connection gets header_read from its first byte
            headActivity.onFirstByte(() -> {
                if (current == null && !closing) {
                    armWait(true);
                }
            });
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armWait(true);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof EdgeRefusal refusal) {
            edgeRefused(refusal);
        } else if (evt instanceof ChannelInputShutdownEvent) {
            clientDoneSending();
            ctx.fireUserEventTriggered(evt);
        } else if (evt == ShutdownDrain.EVENT) {
            // Stopping: an idle connection closes now; one with an exchange in flight finishes it first.
            shuttingDown = true;
            if (current == null) {
                closing = true;
                ctx.close();
            } else {
                current.lastOnConnection();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    /**
     * The client half-closed (sent FIN after its requests, as {@code nc -N} or a raw-socket client
     * does): what it already sent is answered, then the connection closes, since nothing more can come.
     * Closing at once would drop requests it is waiting for the answers to.
     */
    private void clientDoneSending() {
        inputShutdown = true;
        if (current == null && backlog.isEmpty()) {
            closeAfterPendingWrites();
        } else if (current != null && lastAnswer()) {
            current.lastOnConnection(); // its answer is the last: it says so, and the connection closes
        }
    }

    /** Whether the current exchange's answer is the last on a half-closed connection (nothing queued after it). */
    boolean lastAnswer() {
        return inputShutdown && !requestQueued() && deferredRefusal == null;
    }

    /** Whether a pipelined request head waits in the backlog (not only the current request's body). */
    private boolean requestQueued() {
        for (Object m : backlog) {
            if (m instanceof HttpRequest) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pauses or resumes reading the client. Once it half-closed there is nothing to read, and Netty
     * refuses to resume reading a shut input (epoll_ctl fails and the connection is dropped).
     */
    void clientReads(boolean on) {
        if (!inputShutdown) {
            ctx.channel().config().setAutoRead(on);
        }
    }

    /**
     * Closes a half-closed connection once what is already written has gone out (an answer in flight
     * is not cut off): GracefulClose sees the client's side shut and closes without lingering.
     */
    private void closeAfterPendingWrites() {
        closing = true;
        wait.disarm();
        GracefulClose.afterWrite(ctx.writeAndFlush(Unpooled.EMPTY_BUFFER));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        wait.stop();
        responseWatch.stop();
        closing = true;
        if (current != null) {
            current.clientClosed();
        }
        Object m;
        while ((m = backlog.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!backlog.isEmpty() || (current != null && msg instanceof HttpRequest)) {
            // A pipelined request (or its body): handled after the current exchange, in order.
            backlog.add(msg);
            clientReads(false);
            return;
        }
        dispatch(msg);
    }

    /** Hands one message, in order, to the current exchange or starts a new one. */
    private void dispatch(Object msg) {
        if (current != null) {
            if (msg instanceof HttpContent content) {
                current.onClientContent(content);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (msg instanceof HttpRequest req) {
            startExchange(req);
            if (msg instanceof HttpContent content) {
                dispatch(content);
            }
        } else {
            // Content without a request head: left over from a refused request; drop it.
            ReferenceCountUtil.release(msg);
        }
    }

    private void startExchange(HttpRequest req) {
        wait.disarm();
        if (headActivity != null) {
            headActivity.mark();
        }
        requestsOnConnection++;
        ConnectionExchange ex = exchanges.create(this, req);
        current = ex;
        ex.begin();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * An exception on the client's pipeline: a socket error means the client is gone; anything else
     * came from our own code while handling a request, and the exchange answers or cuts for it.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionExchange ex = current;
        if (ex != null && !(cause instanceof IOException)) {
            ex.failed(cause);
            return;
        }
        LOG.debug("client connection error: {}", cause.toString());
        closing = true;
        ctx.close();
    }

    /**
     * The edge refused something. A malformed body of the request in progress ends that exchange; a
     * malformed request pipelined behind complete ones is refused after they are answered, in order
     * (answering the refusal first would pair the 400 with a request the upstream already served);
     * anything else is answered at once.
     */
    private void edgeRefused(EdgeRefusal refusal) {
        ConnectionExchange ex = current;
        if (ex != null && ex.requestComplete() && !closing && deferredRefusal == null) {
            deferredRefusal = refusal;
            dropUnfinishedQueuedRequest();
            return;
        }
        closing = true;
        if (ex != null) {
            ex.edgeRefused(refusal.status(), refusal.reason());
            return;
        }
        wait.disarm();
        EdgeRefusals.answer(ctx, shared, refusal);
    }

    /**
     * Drops the queued request a refusal is about when its head got through and its body did not (a
     * malformed chunk): it must never start an exchange. A queued request that ended is kept.
     */
    private void dropUnfinishedQueuedRequest() {
        Iterator<Object> newestFirst = backlog.descendingIterator();
        while (newestFirst.hasNext()) {
            Object m = newestFirst.next();
            if (m instanceof LastHttpContent) {
                return;
            }
            newestFirst.remove();
            ReferenceCountUtil.release(m);
            if (m instanceof HttpRequest) {
                return;
            }
        }
    }

    /** Starts the wait for the next head: {@code header_read} once one began (or for the first), else {@code idle}. */
    private void armWait(boolean headerRead) {
        TimeoutsConfig timeouts = shared.runtime().get().config().timeouts();
        long headNanos = timeouts.headerRead().toNanos();
        long idleNanos = timeouts.idle().toNanos();
        wait.arm(headerRead ? headNanos : idleNanos, Math.min(headNanos, idleNanos));
    }

    /** No request head completed in time: 408 when one had begun (slowloris), else a quiet close. */
    private void waitExpired() {
        closing = true;
        if (headActivity != null && headActivity.partialHead()) {
            shared.metrics().timeout("header_read");
            EdgeRefusals.answer(ctx, shared, new EdgeRefusal(HttpResponseStatus.REQUEST_TIMEOUT,
                    "header-read-timeout", null, null));
            return;
        }
        shared.metrics().timeout(requestsOnConnection == 0 ? "header_read" : "idle");
        ctx.close();
    }

    /**
     * Runs {@code check} once {@code nanos} have passed, unless {@link #stopResponseWatch} comes first: the
     * upstream leg's response watch. A later call replaces the check and its deadline. One per connection,
     * so a keep-alive connection does not add and remove a timer in the loop's queue for every request.
     */
    void watchResponse(Runnable check, long nanos) {
        responseCheck = check;
        responseWatch.arm(nanos, nanos);
    }

    /** Stops the response watch {@link #watchResponse} started. */
    void stopResponseWatch() {
        responseCheck = null;
        responseWatch.disarm();
    }

    /** The exchange handed both connections to a byte relay: no more HTTP on this one. */
    void exchangeSwitched(ConnectionExchange ex) {
        if (current == ex) {
            current = null;
            closing = true;
            wait.disarm();
        }
    }

    /** Called when an exchange is fully done (response written, request consumed). */
    void exchangeFinished(ConnectionExchange ex, boolean close) {
        if (current != ex) {
            return;
        }
        current = null;
        if (headActivity != null) {
            headActivity.mark();
        }
        if (close || closing || shuttingDown) {
            // A deferred refusal is dropped with the connection: the answer just sent said close.
            closing = true;
            GracefulClose.afterWrite(ctx.writeAndFlush(Unpooled.EMPTY_BUFFER));
            return;
        }
        armWait(false);
        if (draining) {
            return;
        }
        replayBacklog();
        if (current == null && backlog.isEmpty() && !closing) {
            if (deferredRefusal != null) {
                EdgeRefusal refusal = deferredRefusal;
                deferredRefusal = null;
                closing = true;
                wait.disarm();
                EdgeRefusals.answer(ctx, shared, refusal);
            } else if (inputShutdown) {
                closeAfterPendingWrites();
            } else {
                clientReads(true);
            }
        }
    }

    /**
     * Replays what was queued: heads start exchanges, content goes to the exchange it belongs to; stops
     * at the next head while an exchange is still running.
     */
    private void replayBacklog() {
        draining = true;
        try {
            while (!backlog.isEmpty() && !closing) {
                if (current != null && backlog.peek() instanceof HttpRequest) {
                    break;
                }
                dispatch(backlog.poll());
            }
        } finally {
            draining = false;
        }
    }
}
