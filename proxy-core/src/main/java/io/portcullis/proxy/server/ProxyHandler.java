package io.portcullis.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.Identity;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessDecision;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessResponse;
import io.portcullis.proxy.access.AccessResponses;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.errors.ErrorResponses;
import io.portcullis.proxy.forward.HopByHop;
import io.portcullis.proxy.forward.IdentityHeaderRule;
import io.portcullis.proxy.observe.DecisionRecord;
import io.portcullis.proxy.observe.ShadowResult;
import io.portcullis.proxy.routing.Route;
import io.portcullis.proxy.routing.UpstreamTarget;
import io.portcullis.proxy.server.tls.ClientCertificates;
import io.portcullis.proxy.server.ws.WebSocketUpgrade;
import io.portcullis.proxy.sso.LocalAnswer;
import io.portcullis.proxy.sso.LoginRedirects;
import io.portcullis.proxy.sso.ReservedPaths;
import io.portcullis.proxy.sso.SsoEndpoints;
import io.portcullis.proxy.sso.UpstreamIdentity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: for each request, route → authorize → forward or refuse, one exchange at a
 * time (pipelined requests wait in a backlog). Everything runs on the connection's event loop; the
 * upstream connection is on the same loop, so relaying needs no locks. Bodies stream both ways with
 * back-pressure through {@code autoRead}.
 */
final class ProxyHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);

    // Header names as cached AsciiStrings: Netty hashes and validates a String name on every call, and
    // the forward path sets or removes ~30 names per request.

    /** Headers a client may use to make an app act on another path or method than the one authorized. */
    private static final AsciiString[] OVERRIDE_HEADERS = names(
        "X-Original-URL", "X-Rewrite-URL", "X-Original-URI", "X-Override-URL",
        "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");
    /** Client-address headers only a trusted proxy may set. */
    private static final AsciiString[] ADDRESS_HEADERS = names(
        "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP", "Forwarded",
        "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix");

    private static final AsciiString XFF = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString X_REQUEST_ID = AsciiString.cached("X-Request-Id");

    private static AsciiString[] names(String... names) {
        AsciiString[] cached = new AsciiString[names.length];
        for (int i = 0; i < names.length; i++) {
            cached[i] = AsciiString.cached(names[i]);
        }
        return cached;
    }

    private final ProxyContext shared;
    private final UpstreamPool pool;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>(2);
    private ChannelHandlerContext ctx;
    private Exchange current;
    private int requestsOnConnection;
    private boolean closing;
    private boolean draining;
    private boolean shuttingDown;
    /** The client half-closed: no request can follow the ones already read. */
    private boolean inputShutdown;
    /** The edge refused a request pipelined behind the current one: sent once those before it are answered. */
    private DeferredRefusal deferredRefusal;
    private ScheduledFuture<?> waitTimer;
    private HeadActivity headActivity;

    ProxyHandler(ProxyContext shared, UpstreamPool pool) {
        this.shared = shared;
        this.pool = pool;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        headActivity = ctx.pipeline().get(HeadActivity.class);
        if (headActivity != null) {
            // a head begun on an idle connection gets header_read from its first byte
            headActivity.onFirstByte(() -> {
                if (current == null && !closing) {
                    armWaitTimer(shared.runtime().get().config().timeouts().headerRead().toMillis());
                }
            });
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            clientDoneSending();
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (evt != ShutdownDrain.EVENT) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        // Stopping: an idle connection closes now; one with an exchange in flight finishes it first.
        shuttingDown = true;
        if (current == null) {
            closing = true;
            ctx.close();
        } else {
            current.keepAlive = false;
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
            current.keepAlive = false; // its answer is the last: it says so, and the connection closes
        }
    }

    /** Whether the current exchange's answer is the last on a half-closed connection (nothing queued after it). */
    private boolean lastAnswer() {
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
    private void clientReads(boolean on) {
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
        cancelWaitTimer();
        GracefulClose.afterWrite(ctx.writeAndFlush(Unpooled.EMPTY_BUFFER));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armWaitTimer(shared.runtime().get().config().timeouts().headerRead().toMillis());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelWaitTimer();
        closing = true;
        if (current != null) {
            current.abort("client-closed");
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

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null && current.upstream != null) {
            current.upstream.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null && current.upstream != null) {
            current.upstream.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client connection error: {}", cause.toString());
        ctx.close();
    }

    /**
     * The edge refused something after this handler already got a request head. Returns true when
     * this handler deals with it: a malformed body of the request in progress ends that exchange; a
     * malformed request pipelined behind complete ones is refused after they are answered, in order
     * (answering the refusal first would pair the 400 with a request the upstream already served).
     */
    boolean edgeRejected(HttpResponseStatus status, String reason) {
        Exchange ex = current;
        if (ex != null && ex.requestComplete && !closing && deferredRefusal == null) {
            deferredRefusal = new DeferredRefusal(status, reason);
            dropUnfinishedQueuedRequest();
            return true;
        }
        closing = true;
        if (ex == null) {
            return false;
        }
        ex.edgeRejected(status, reason);
        return true;
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

    /** A refusal of a pipelined request, waiting for the requests read before it to be answered. */
    private record DeferredRefusal(HttpResponseStatus status, String reason) {
    }

    /** Sends the deferred refusal now that everything before it is answered; the connection then closes. */
    private void refuseDeferred() {
        DeferredRefusal refusal = deferredRefusal;
        deferredRefusal = null;
        cancelWaitTimer();
        new EdgeRejections(shared).reject(ctx, refusal.status(), refusal.reason());
    }

    private void armWaitTimer(long millis) {
        cancelWaitTimer();
        waitTimer = ctx.executor().schedule(() -> {
            if (current == null && ctx.channel().isActive() && !closing) {
                waitExpired();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    /** No request head completed in time: 408 when one had begun (slowloris), else a quiet close. */
    private void waitExpired() {
        boolean partial = headActivity != null && headActivity.partialHead();
        if (partial) {
            shared.metrics().timeout("header_read");
            new EdgeRejections(shared).reject(ctx, HttpResponseStatus.REQUEST_TIMEOUT, "header-read-timeout");
            return;
        }
        shared.metrics().timeout(requestsOnConnection == 0 ? "header_read" : "idle");
        closing = true;
        ctx.close();
    }

    private void cancelWaitTimer() {
        if (waitTimer != null) {
            waitTimer.cancel(false);
            waitTimer = null;
        }
    }

    private void startExchange(HttpRequest req) {
        cancelWaitTimer();
        if (headActivity != null) {
            headActivity.mark();
        }
        requestsOnConnection++;
        RuntimeConfig rc = shared.runtime().get();
        Exchange ex = new Exchange(req, rc);
        current = ex;
        ex.begin();
    }

    /** Called when an exchange is fully done (response written, request consumed). */
    private void exchangeFinished(Exchange ex, boolean close) {
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
        armWaitTimer(shared.runtime().get().config().timeouts().idle().toMillis());
        if (draining) {
            return;
        }
        draining = true;
        try {
            // Replay what was queued: heads start exchanges, content goes to the exchange it belongs
            // to; stop at the next head while an exchange is still running.
            while (!backlog.isEmpty() && !closing) {
                if (current != null && backlog.peek() instanceof HttpRequest) {
                    break;
                }
                dispatch(backlog.poll());
            }
        } finally {
            draining = false;
        }
        if (current == null && backlog.isEmpty() && !closing) {
            if (deferredRefusal != null) {
                refuseDeferred();
            } else if (inputShutdown) {
                closeAfterPendingWrites();
            } else {
                clientReads(true);
            }
        }
    }

    /** One request and its response. */
    private final class Exchange implements UpstreamListener {

        private final HttpRequest request;
        private final RuntimeConfig rc;
        private final long startNanos = System.nanoTime();
        private final ArrayDeque<HttpContent> pending = new ArrayDeque<>(2);
        private String requestId;
        private String path;
        private String rawQuery;
        private String sourceIp = "";
        private Route route;
        private boolean keepAlive;
        private boolean expectContinue;
        private boolean requestComplete;
        private boolean responseHeadSent;
        private boolean responseKeepAlive;
        private boolean skipInformationalLast;
        private boolean done;
        private boolean forwarding;
        private boolean reusedConnection;
        private boolean retried;
        private boolean bodySentUpstream;
        private long bodyBytes;
        private long maxBody;
        private long decisionNanos;
        private long upstreamStartNanos;
        private Verdict verdict;
        private ShadowResult shadow;
        private long retryAfterSeconds;
        private int status;
        private String failureReason;
        private Channel upstream;
        private ScheduledFuture<?> responseTimer;
        private ScheduledFuture<?> bodyTimer;
        private ScheduledFuture<?> totalTimer;
        private boolean websocket;
        private boolean switching;
        private long lastBodyNanos;
        /** Set-Cookie values the session part adds to whatever response this exchange gets. */
        private List<String> sessionCookies = List.of();
        /** Runs once the whole request body is in {@code pending}, for endpoints that answer locally. */
        private Runnable bodyWaiter;

        Exchange(HttpRequest request, RuntimeConfig rc) {
            this.request = request;
            this.rc = rc;
        }

        void begin() {
            HttpHeaders h = request.headers();
            requestId = RequestIds.keepOrGenerate(h.get(X_REQUEST_ID));
            PortcullisConfig cfg = rc.config();
            keepAlive = HttpUtil.isKeepAlive(request)
                    && requestsOnConnection < cfg.limits().maxRequestsPerConnection()
                    && !lastAnswer(); // the last request of a half-closed client
            String uri = request.uri();
            int q = uri.indexOf('?');
            path = q < 0 ? uri : uri.substring(0, q);
            rawQuery = q < 0 ? null : uri.substring(q + 1);
            if (request.decoderResult().isFailure()) {
                // The edge refuses these before us; never act on a request that failed to decode.
                refuse(HttpResponseStatus.BAD_REQUEST, List.of("malformed-request"), null, true);
                return;
            }
            InetAddress peer = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            InetAddress client = ClientAddress.resolve(peer, cfg.trustedProxies(), h.getAll(XFF));
            sourceIp = client.getHostAddress();
            String expect = h.get(HttpHeaderNames.EXPECT);
            if (expect != null) {
                if (!expect.equalsIgnoreCase("100-continue") || h.getAll(HttpHeaderNames.EXPECT).size() > 1) {
                    refuse(HttpResponseStatus.EXPECTATION_FAILED, List.of("expectation-unsupported"), null, true);
                    return;
                }
                expectContinue = true;
            }
            if (ReservedPaths.reserved(path)) {
                answerReserved();
                return;
            }
            String method = request.method().name();
            String host = h.get(HttpHeaderNames.HOST);
            route = rc.router().match(host, path, method);
            if (route == null) {
                refuse(HttpResponseStatus.NOT_FOUND, List.of("no-route"), null, false);
                return;
            }
            if (TracingMethods.refused(method, route)) {
                refuse(HttpResponseStatus.METHOD_NOT_ALLOWED, List.of("method-not-allowed"), null, false);
                return;
            }
            maxBody = route.config().limits().maxBodyBytes() != null ? route.config().limits().maxBodyBytes() : cfg.limits().maxBodyBytes();
            long declared = HttpUtil.getContentLength(request, -1L);
            if (declared > maxBody) {
                refuse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, List.of("body-too-large"), null, true);
                return;
            }
            String postureHeader = cfg.identity().devicePosture().header();
            List<String> postureValues = h.getAll(postureHeader);
            if (postureValues.size() > 1) {
                refuse(HttpResponseStatus.BAD_REQUEST, List.of("multiple-posture-headers"), null, true);
                return;
            }
            AccessRequest access = new AccessRequest(
                    new AccessRequest.Target(route, method, host == null ? "" : host, path, rawQuery), h::getAll,
                    new AccessRequest.Peer(peer, client, ClientCertificates.of(ctx.channel())), Instant.now(), requestId);
            boolean bodyExpected = HttpUtil.isTransferEncodingChunked(request) || declared > 0;
            if (bodyExpected) {
                armBodyTimer(cfg.timeouts().bodyRead().toNanos());
                clientReads(false);
            }
            CompletableFuture<AccessDecision> f;
            try {
                f = rc.access().decide(access, new AccessState(shared.risk(), shared.rateLimits()));
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            if (f.isDone()) {
                // Decided before any further read: reading need not pause (each pause and resume is
                // an epoll_ctl call), as a bodyless request has nothing more to send but pipelined
                // requests, and those wait in the backlog.
                onVerdict(access, f.getNow(null), f.isCompletedExceptionally() ? exceptionOf(f) : null);
            } else {
                clientReads(false);
                f.whenComplete((d, e) -> ctx.executor().execute(() -> onVerdict(access, d, e)));
            }
        }

        private Throwable exceptionOf(CompletableFuture<?> f) {
            try {
                f.join();
                return null;
            } catch (RuntimeException e) {
                return e.getCause() != null ? e.getCause() : e;
            }
        }

        void onVerdict(AccessRequest access, AccessDecision d, Throwable error) {
            if (done) {
                return;
            }
            decisionNanos = System.nanoTime() - startNanos;
            shared.metrics().decisionLatency(decisionNanos);
            if (error != null || d == null) {
                // Fail closed: an error while deciding is a deny, never a pass.
                shared.metrics().internalError();
                LOG.error("internal error while authorizing request {} on route {}: {}", requestId, route.id(),
                        error == null ? "no verdict" : error.toString());
                verdict = new Verdict(Verdict.Kind.FORBIDDEN, List.of("internal-error"), null, null, null, null);
                refuse(HttpResponseStatus.FORBIDDEN, verdict.reasons(), null, false);
                return;
            }
            verdict = d.verdict();
            shadow = shadowOf(verdict);
            if (d.rateLimit() != null) {
                shared.metrics().rateLimited(route.id(), d.rateLimit().limit().per());
            }
            AccessResponse r = AccessResponses.of(access, d, rc.sso().loginEnabled(), Clock.systemUTC());
            sessionCookies = r.setCookies();
            switch (r.action()) {
                case FORWARD -> forward();
                case LOGIN -> respondLocally(LoginRedirects.start(rc.sso(), request, r.login(), requestId, ctx.alloc()));
                case REFUSE -> {
                    retryAfterSeconds = r.retryAfterSeconds();
                    refuse(HttpResponseStatus.valueOf(r.status()), r.reasons(), r.wwwAuthenticate(), r.close());
                }
            }
        }

        /** The route's shadow policy on the same facts (logged and counted, never enforced), or null. */
        private ShadowResult shadowOf(Verdict v) {
            ShadowResult r = ShadowResult.forRoute(route.config(), rc.policies(), v.decision(), v.input());
            if (r != null && !r.agree()) {
                shared.metrics().shadowDisagreement(route.id(), r.policy(), r.comparison().code());
            }
            return r;
        }

        /** Answers locally; the request never reaches an upstream. */
        private void refuse(HttpResponseStatus st, List<String> reasons, String wwwAuthenticate, boolean forceClose) {
            if (verdict == null) {
                verdict = new Verdict(st.code() == 404 ? Verdict.Kind.FORBIDDEN : Verdict.Kind.BAD_REQUEST,
                        reasons, null, null, null, null);
            }
            FullHttpResponse res = ErrorResponses.build(ctx.alloc(), st, reasons.get(0), requestId,
                    ErrorResponses.wantsHtml(request.headers().get(HttpHeaderNames.ACCEPT)),
                    HttpMethod.HEAD.equals(request.method()));
            if (retryAfterSeconds > 0) {
                res.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
            }
            if (wwwAuthenticate != null) {
                res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, wwwAuthenticate);
            }
            sendLocal(res, reasons.get(0), forceClose);
        }

        /** Writes a response made here (never by an upstream) and ends the exchange. */
        private void sendLocal(FullHttpResponse res, String reason, boolean forceClose) {
            failureReason = reason;
            status = res.status().code();
            releasePending();
            // An unread request body is not drained: the connection is closed instead, so nothing
            // left of it can be read as a next request. A request that declared no body only has its
            // empty end marker left, which the next dispatch drops.
            boolean close = forceClose || !keepAlive || (!requestComplete && bodyExpected());
            for (String cookie : sessionCookies) {
                res.headers().add(HttpHeaderNames.SET_COOKIE, cookie);
            }
            if (close) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ctx.writeAndFlush(res);
            responseHeadSent = true;
            finish(close);
        }

        private boolean bodyExpected() {
            return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        }

        /** Sends an answer made here when it is ready, on this connection's event loop. */
        private void respondLocally(CompletableFuture<LocalAnswer> answer) {
            answer.whenComplete((a, error) -> ctx.executor().execute(() -> {
                if (done) {
                    if (a != null) {
                        ReferenceCountUtil.release(a.response());
                    }
                    return;
                }
                if (a == null) {
                    LOG.warn("request {}: local answer failed: {}", requestId, String.valueOf(error));
                    refuse(HttpResponseStatus.BAD_GATEWAY, List.of("idp-unreachable"), null, false);
                    return;
                }
                sendLocal(a.response(), a.reason(), false);
            }));
        }

        /** The reserved paths ({@code /.portcullis/...}): answered here, never routed or forwarded. */
        private void answerReserved() {
            SsoEndpoints endpoints = new SsoEndpoints(rc.sso(), ctx.alloc(), Clock.systemUTC());
            if (!ReservedPaths.readsBody(path) || !bodyExpected()) {
                clientReads(false);
                respondLocally(endpoints.handle(request, path, rawQuery, "", requestId));
                return;
            }
            maxBody = SsoEndpoints.MAX_BODY_BYTES;
            if (HttpUtil.getContentLength(request, -1L) > maxBody) {
                refuse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, List.of("body-too-large"), null, true);
                return;
            }
            bodyWaiter = () -> respondLocally(endpoints.handle(request, path, rawQuery, pendingBodyText(), requestId));
            if (expectContinue) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
        }

        private String pendingBodyText() {
            StringBuilder text = new StringBuilder();
            for (HttpContent c : pending) {
                text.append(c.content().toString(java.nio.charset.StandardCharsets.UTF_8));
            }
            return text.toString();
        }

        private void forward() {
            forwarding = true;
            HttpHeaders h = request.headers();
            armTotalTimer();
            boolean chunked = HttpUtil.isTransferEncodingChunked(request);
            String posture = h.get(rc.config().identity().devicePosture().header());
            // Upgrade is hop-by-hop and stripped, except for a WebSocket handshake on a route that allows it
            websocket = route.config().transport().websocket()
                    && !(ctx.channel() instanceof io.netty.handler.codec.http2.Http2StreamChannel)
                    && WebSocketUpgrade.requested(request);
            HopByHop.strip(h);
            if (websocket) {
                WebSocketUpgrade.restoreHandshakeHeaders(h);
            }
            h.remove(HttpHeaderNames.EXPECT);
            rc.scrubber().scrub(h);
            UpstreamIdentity.stripSessionCookies(rc.sso(), h);
            for (AsciiString name : OVERRIDE_HEADERS) {
                h.remove(name);
            }
            PortcullisConfig cfg = rc.config();
            if (!route.config().forwarding().passAuthorization()) {
                h.remove(HttpHeaderNames.AUTHORIZATION);
            }
            if (route.config().forwarding().passDevicePosture() && posture != null) {
                h.set(cfg.identity().devicePosture().header(), posture);
            }
            InetAddress peer = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            String peerText = peer.getHostAddress();
            if (ClientAddress.trusted(cfg.trustedProxies(), peer)) {
                List<String> xff = h.getAll(XFF);
                String chain = xff.isEmpty() ? peerText : String.join(", ", xff) + ", " + peerText;
                h.set(XFF, chain);
            } else {
                for (AsciiString name : ADDRESS_HEADERS) {
                    h.remove(name);
                }
                h.set(XFF, peerText);
            }
            String host = h.get(HttpHeaderNames.HOST);
            if (!h.contains(X_FORWARDED_PROTO)) {
                h.set(X_FORWARDED_PROTO, shared.scheme());
            }
            if (host != null && !h.contains(X_FORWARDED_HOST)) {
                h.set(X_FORWARDED_HOST, host);
            }
            h.set(X_REQUEST_ID, requestId);
            Identity identity = verdict.identity();
            if (identity != null) {
                for (IdentityHeaderRule rule : route.identityHeaders()) {
                    IdentityHeaderRule.Rendered r = rule.render(identity.claims());
                    if (r.value() != null) {
                        h.set(rule.header(), r.value());
                    } else if (r.omission() != IdentityHeaderRule.Omission.ABSENT) {
                        LOG.warn("request {}: identity header {} left out ({}) for claim {}", requestId,
                                rule.header(), r.omission(), rule.claim());
                    }
                }
            }
            UpstreamIdentity.assertion(rc.sso(), route, verdict, h);
            if (chunked) {
                h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
            UpstreamTarget target = route.upstream();
            request.setUri(target.target(path, rawQuery));
            request.setProtocolVersion(HttpVersion.HTTP_1_1);
            connectUpstream(target);
        }

        private void connectUpstream(UpstreamTarget target) {
            Channel idle = pool.pollIdle(target);
            if (idle != null) {
                reusedConnection = true;
                attach(idle);
                return;
            }
            reusedConnection = false;
            pool.connect(target).addListener((ChannelFuture f) -> {
                if (done) {
                    if (f.isSuccess()) {
                        f.channel().close();
                    }
                    return;
                }
                if (f.isSuccess()) {
                    attach(f.channel());
                } else {
                    LOG.warn("request {}: cannot connect to upstream {} of route {}: {}", requestId, target.key(),
                            route.id(), f.cause() == null ? "?" : f.cause().toString());
                    boolean timedOut = f.cause() instanceof io.netty.channel.ConnectTimeoutException;
                    if (timedOut) {
                        shared.metrics().timeout("upstream_connect");
                    }
                    upstreamFailed(timedOut ? "upstream-connect-timeout" : "upstream-connect-failed");
                }
            });
        }

        private void attach(Channel ch) {
            upstream = ch;
            ch.pipeline().get(UpstreamHandler.class).attach(this);
            ch.config().setAutoRead(true);
            upstreamStartNanos = System.nanoTime();
            ch.write(request);
            HttpContent c;
            while ((c = pending.poll()) != null) {
                bodySentUpstream |= c.content().isReadable();
                ch.write(c);
            }
            ch.flush();
            if (expectContinue && !requestComplete) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            if (requestComplete) {
                armResponseTimer();
            } else {
                clientReads(ch.isWritable());
            }
        }

        void onClientContent(HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            lastBodyNanos = System.nanoTime();
            bodyBytes += content.content().readableBytes();
            if (done) {
                content.release();
                if (last) {
                    requestComplete = true;
                }
                return;
            }
            if (bodyBytes > maxBody && maxBody > 0) {
                content.release();
                if (responseHeadSent) {
                    abort("body-too-large");
                } else {
                    // The upstream may have the head and part of the body: drop that connection (it
                    // never sees an end) and still tell the client why.
                    dropUpstream();
                    refuse(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, List.of("body-too-large"), null, true);
                }
                return;
            }
            if (last) {
                requestComplete = true;
                // Trailers could smuggle identity headers to upstreams that merge them.
                rc.scrubber().scrubTrailers((LastHttpContent) content);
            }
            if (upstream == null) {
                pending.add(content);
                if (last && bodyWaiter != null) {
                    Runnable waiter = bodyWaiter;
                    bodyWaiter = null;
                    waiter.run();
                }
                return;
            }
            bodySentUpstream |= content.content().isReadable();
            if (last) {
                upstream.writeAndFlush(content);
                armResponseTimer();
                // Reading goes on: what a client sends next is a pipelined request, which channelRead
                // queues (and pauses reading then). Pausing here and resuming after every response cost
                // two epoll_ctl calls per request, ~4% of the event loop.
            } else {
                upstream.write(content);
                if (!upstream.isWritable()) {
                    clientReads(false);
                }
            }
        }

        /**
         * Watches for a body that stalls: {@code timeouts.body_read} without a piece of it while we are
         * reading. Time spent not reading (deciding, connecting, upstream back-pressure) is not the
         * client's fault, so a check that finds reading paused starts the clock again.
         */
        private void armBodyTimer(long limitNanos) {
            lastBodyNanos = System.nanoTime();
            bodyTimer = ctx.executor().schedule(() -> checkBody(limitNanos), limitNanos, TimeUnit.NANOSECONDS);
        }

        private void checkBody(long limitNanos) {
            if (done || requestComplete) {
                return;
            }
            long now = System.nanoTime();
            if (!ctx.channel().config().isAutoRead()) {
                lastBodyNanos = now;
            }
            long left = limitNanos - (now - lastBodyNanos);
            if (left > 0) {
                bodyTimer = ctx.executor().schedule(() -> checkBody(limitNanos), left, TimeUnit.NANOSECONDS);
                return;
            }
            shared.metrics().timeout("body_read");
            if (responseHeadSent) {
                abort("body-read-timeout");
                return;
            }
            dropUpstream();
            refuse(HttpResponseStatus.REQUEST_TIMEOUT, List.of("body-read-timeout"), null, true);
        }

        /**
         * A route's {@code timeout} also bounds the whole forwarded exchange (request body, wait, and
         * response body): past it, a 504 if nothing was answered yet, else the connection is cut.
         */
        private void armTotalTimer() {
            java.time.Duration total = route.config().limits().timeout();
            if (total == null) {
                return;
            }
            totalTimer = ctx.executor().schedule(() -> {
                if (done) {
                    return;
                }
                shared.metrics().timeout("route_total");
                if (responseHeadSent) {
                    abort("route-timeout");
                    return;
                }
                dropUpstream();
                refuse(HttpResponseStatus.GATEWAY_TIMEOUT, List.of("upstream-timeout"), null, !requestComplete);
            }, total.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void armResponseTimer() {
            if (responseTimer != null || responseHeadSent) {
                return;
            }
            java.time.Duration t = route.config().limits().timeout() != null ? route.config().limits().timeout()
                    : rc.config().timeouts().upstreamResponse();
            responseTimer = ctx.executor().schedule(() -> {
                if (!done && !responseHeadSent) {
                    dropUpstream();
                    shared.metrics().timeout("upstream_response");
                    upstreamFailed("upstream-timeout");
                }
            }, t.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void upstreamFailed(String reason) {
            if (done) {
                return;
            }
            HttpResponseStatus st = reason.equals("upstream-timeout") ? HttpResponseStatus.GATEWAY_TIMEOUT
                    : HttpResponseStatus.BAD_GATEWAY;
            refuse(st, List.of(reason), null, !requestComplete);
        }

        @Override
        public void onResponseHead(HttpResponse response) {
            if (done) {
                return;
            }
            int code = response.status().code();
            if (websocket && WebSocketUpgrade.accepted(response)) {
                acceptWebSocket(response);
                return;
            }
            if (code >= 100 && code < 200) {
                // We never forward Expect or Upgrade, so an interim response is not for the client.
                skipInformationalLast = true;
                return;
            }
            if (responseTimer != null) {
                responseTimer.cancel(false);
            }
            shared.metrics().upstreamLatency(System.nanoTime() - upstreamStartNanos);
            status = code;
            responseKeepAlive = HttpUtil.isKeepAlive(response);
            HttpHeaders h = response.headers();
            HopByHop.strip(h);
            boolean bodyless = HttpMethod.HEAD.equals(request.method()) || code == 204 || code == 304;
            boolean http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
            if (!bodyless && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                if (http10) {
                    // An HTTP/1.0 client can't read chunks: the body ends when we close.
                    keepAlive = false;
                } else {
                    // Whether the upstream chunked or delimited by close, re-chunk so the client
                    // connection stays reusable.
                    h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                }
            }
            if (!requestComplete) {
                // The upstream answered before the body was fully sent: finish this response,
                // then close, as what remains of the body can't be resynchronised.
                keepAlive = false;
            }
            if (!keepAlive) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (http10) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            if (!h.contains(X_REQUEST_ID)) {
                h.set(X_REQUEST_ID, requestId);
            }
            for (String cookie : sessionCookies) {
                h.add(HttpHeaderNames.SET_COOKIE, cookie);
            }
            response.setProtocolVersion(HttpVersion.HTTP_1_1);
            responseHeadSent = true;
            ctx.write(response);
        }

        @Override
        public void onResponseContent(HttpContent content) {
            if (done) {
                content.release();
                return;
            }
            boolean last = content instanceof LastHttpContent;
            if (switching) {
                if (last) {
                    ctx.writeAndFlush(content);
                    switchToRelay();
                } else {
                    content.release();
                }
                return;
            }
            if (skipInformationalLast) {
                content.release();
                if (last) {
                    skipInformationalLast = false;
                }
                return;
            }
            if (!responseHeadSent) {
                content.release();
                return;
            }
            if (last) {
                ctx.writeAndFlush(content);
                Channel u = upstream;
                boolean reusable = responseKeepAlive && requestComplete;
                detachUpstream(reusable);
                if (!reusable && u != null) {
                    u.close();
                }
                finish(!keepAlive);
            } else {
                ctx.write(content);
                if (!ctx.channel().isWritable() && upstream != null) {
                    upstream.config().setAutoRead(false);
                }
            }
        }

        /** The upstream accepted the WebSocket handshake: pass the 101 on; the relay starts after it. */
        private void acceptWebSocket(HttpResponse response) {
            if (responseTimer != null) {
                responseTimer.cancel(false);
            }
            shared.metrics().upstreamLatency(System.nanoTime() - upstreamStartNanos);
            status = 101;
            switching = true;
            responseHeadSent = true;
            HttpHeaders h = response.headers();
            HopByHop.strip(h);
            WebSocketUpgrade.restoreHandshakeHeaders(h);
            if (!h.contains(X_REQUEST_ID)) {
                h.set(X_REQUEST_ID, requestId);
            }
            // A session refreshed or re-issued on the handshake must reach the browser here: after the
            // 101 there is no HTTP response left to carry it.
            h.add(HttpHeaderNames.SET_COOKIE, sessionCookies);
            ctx.write(response);
        }

        /** Ends the exchange (logged with status 101) and hands both connections to the byte relay. */
        private void switchToRelay() {
            Channel u = upstream;
            upstream = null;
            UpstreamHandler uh = u.pipeline().get(UpstreamHandler.class);
            if (uh != null) {
                uh.detach();
            }
            done = true;
            cancelTimers();
            log();
            current = null;
            closing = true;
            cancelWaitTimer();
            Identity id = verdict.identity();
            java.time.Instant closeAt = route.config().transport().websocketTokenExpiry() && id != null
                    ? id.expiresAt() : null;
            WebSocketSwitch.relay(ctx.channel(), u, shared.metrics(), closeAt);
        }

        @Override
        public void onUpstreamReadComplete() {
            ctx.flush();
        }

        @Override
        public void onUpstreamWritabilityChanged(boolean writable) {
            if (!requestComplete && !done) {
                clientReads(writable);
            }
        }

        @Override
        public void onUpstreamClosed(Throwable cause) {
            if (done) {
                return;
            }
            upstream = null;
            if (!responseHeadSent) {
                if (reusedConnection && !retried && !bodySentUpstream && requestComplete) {
                    // A pooled connection the upstream had already closed: one retry on a fresh one.
                    retried = true;
                    if (responseTimer != null) {
                        responseTimer.cancel(false);
                        responseTimer = null;
                    }
                    connectUpstream(route.upstream());
                    return;
                }
                upstreamFailed("upstream-closed");
            } else {
                // Part of the response is already on its way: the only honest signal left is to close.
                abort("upstream-aborted");
            }
        }

        /** Closes the upstream connection, if any, without reading more from it. */
        private void dropUpstream() {
            Channel u = upstream;
            detachUpstream(false);
            if (u != null) {
                u.close();
            }
        }

        private void detachUpstream(boolean reuse) {
            Channel u = upstream;
            upstream = null;
            if (u == null) {
                return;
            }
            if (reuse) {
                pool.release(route.upstream(), u);
            } else {
                UpstreamHandler uh = u.pipeline().get(UpstreamHandler.class);
                if (uh != null) {
                    uh.detach();
                }
            }
        }

        void edgeRejected(HttpResponseStatus st, String reason) {
            if (done) {
                return;
            }
            if (responseHeadSent || upstream != null) {
                abort(reason);
            } else {
                refuse(st, List.of(reason), null, true);
            }
        }

        /** Ends the exchange without a proper response; closes both sides. */
        void abort(String reason) {
            if (done) {
                return;
            }
            failureReason = reason;
            if (status == 0) {
                status = reason.equals("client-closed") ? 499 : 502;
            }
            dropUpstream();
            releasePending();
            finish(true);
            ctx.close();
        }

        private void releasePending() {
            HttpContent c;
            while ((c = pending.poll()) != null) {
                c.release();
            }
        }

        private void finish(boolean close) {
            if (done) {
                return;
            }
            done = true;
            cancelTimers();
            log();
            exchangeFinished(this, close);
        }

        private void cancelTimers() {
            for (ScheduledFuture<?> t : new ScheduledFuture<?>[] {responseTimer, bodyTimer, totalTimer}) {
                if (t != null) {
                    t.cancel(false);
                }
            }
        }

        private void log() {
            long latency = (System.nanoTime() - startNanos) / 1000;
            String routeId = route == null ? "-" : route.id();
            Verdict v = verdict;
            String decision;
            List<String> reasons;
            if (v != null && v.kind() == Verdict.Kind.FORWARD) {
                decision = "allow";
                reasons = failureReason == null ? v.reasons() : List.of(failureReason);
            } else if (v != null && v.kind() == Verdict.Kind.CHALLENGE) {
                decision = "challenge";
                reasons = v.reasons();
            } else if (v != null && (v.kind() == Verdict.Kind.UNAUTHENTICATED || v.kind() == Verdict.Kind.FORBIDDEN)) {
                decision = "deny";
                reasons = v.reasons();
            } else {
                decision = "reject";
                reasons = failureReason == null ? List.of("unknown") : List.of(failureReason);
            }
            Identity id = v == null ? null : v.identity();
            String policy = v != null && v.decision() != null ? v.decision().policy()
                    : (route == null ? null : route.config().access().policy());
            String rule = v != null && v.decision() != null ? v.decision().rule() : null;
            String deviceId = v != null && v.posture() != null ? v.posture().deviceId() : null;
            java.util.List<String> allReasons = reasons;
            if (v != null && v.postureProblem() != null) {
                allReasons = new java.util.ArrayList<>(reasons);
                allReasons.add(v.postureProblem());
            }
            shared.decisions().record(DecisionRecord.builder().time(Instant.now()).requestId(requestId).route(routeId)
                    .method(request.method().name()).path(path).sourceIp(sourceIp)
                    .issuer(id == null ? null : id.issuerId()).subject(id == null ? null : id.subject())
                    .tokenRef(id == null ? null : id.tokenRef()).deviceId(deviceId)
                    .decision(decision).reasons(allReasons).policy(policy).rule(rule).shadow(shadow).status(status)
                    .decisionMicros(decisionNanos / 1000).latencyMicros(latency).configSha256(rc.config().sha256())
                    .build());
            shared.metrics().request(routeId, decision, reasons.isEmpty() ? "none" : reasons.get(0));
        }
    }
}
