package io.portcullis.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.proxy.access.AccessDecision;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessResponse;
import io.portcullis.proxy.access.AccessResponses;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.forward.ForwardHeaders;
import io.portcullis.proxy.forward.RequestRewrite;
import io.portcullis.proxy.forward.ResponseRewrite;
import io.portcullis.proxy.observe.ShadowResult;
import io.portcullis.proxy.server.tls.ClientCertificates;
import io.portcullis.proxy.server.ws.WebSocketUpgrade;
import io.portcullis.proxy.sso.LoginRedirects;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its response, walked in the order of the README's diagram: admission checks and
 * routing, the access decision ({@link #decide}), the verdict turned into an answer ({@link #onVerdict}),
 * then either a local answer or the forward: headers rewritten ({@link RequestRewrite}), the
 * {@link UpstreamLeg} connects and relays, the response head rewritten ({@link ResponseRewrite}). Where
 * it is, is one {@link ExchangeState}; it ends exactly once, with one decision line
 * ({@link ExchangeLog}). Runs on the client connection's event loop.
 */
final class Exchange extends ExchangeFacts implements ConnectionExchange {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private long bodyBytes;
    private UpstreamLeg leg;
    private BodyReadWatch bodyWatch;

    Exchange(ClientConnection conn, HttpRequest request) {
        super(conn, request);
    }

    @Override
    public void begin() {
        HttpHeaders h = request.headers();
        PortcullisConfig cfg = rc.config();
        ChannelHandlerContext ctx = conn.ctx();
        peer = ctx.channel().remoteAddress() instanceof InetSocketAddress isa ? isa.getAddress()
                : InetAddress.getLoopbackAddress();
        peerTrusted = ClientAddress.trusted(cfg.trustedProxies(), peer);
        String suppliedId = h.get(ForwardHeaders.X_REQUEST_ID);
        requestId = RequestIds.ours(suppliedId, peerTrusted);
        clientRequestId = RequestIds.clientOnly(suppliedId, peerTrusted);
        keepAlive = HttpUtil.isKeepAlive(request)
                && conn.requestsOnConnection() < cfg.limits().maxRequestsPerConnection()
                && !conn.lastAnswer(); // the last request of a half-closed client
        String uri = request.uri();
        int q = uri.indexOf('?');
        path = q < 0 ? uri : uri.substring(0, q);
        rawQuery = q < 0 ? null : uri.substring(q + 1);
        InetAddress client = ClientAddress.resolve(peer, cfg.trustedProxies(), h.getAll(ForwardHeaders.XFF));
        sourceIp = client.getHostAddress();
        trace = shared.tracing().begin(h, peerTrusted, request.method().name(), shared.scheme(), path, sourceIp);
        if (!Admission.admit(this, h, cfg)) {
            return;
        }
        if (HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, -1L) > 0) {
            bodyWatch = new BodyReadWatch(ctx.channel(), cfg.timeouts().bodyRead().toNanos(),
                    () -> guarded(this::bodyStalled));
            conn.clientReads(false);
        }
        String host = h.get(HttpHeaderNames.HOST);
        AccessRequest access = new AccessRequest(
                new AccessRequest.Target(route, request.method().name(), host == null ? "" : host, path, rawQuery,
                        // only a proof's htu needs it: no string built for other requests
                        h.contains(RequestOrigin.DPOP) ? RequestOrigin.of(cfg, shared.scheme(), host, h, peerTrusted)
                                : null),
                h::getAll, new AccessRequest.Peer(peer, client, ClientCertificates.of(ctx.channel())),
                shared.clock().instant(), requestId, trace);
        CompletableFuture<AccessDecision> f = decide(access);
        if (f.isDone()) {
            // Decided before any further read: reading need not pause (each pause and resume is an
            // epoll_ctl call), as a bodyless request has nothing more to send but pipelined requests,
            // and those wait in the backlog.
            Throwable error = f.isCompletedExceptionally() ? failureOf(f) : null;
            onVerdict(access, error == null ? f.getNow(null) : null, error);
        } else {
            conn.clientReads(false);
            f.whenComplete((d, e) -> ctx.executor().execute(() -> guarded(() -> onVerdict(access, d, e))));
        }
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    /** Runs a step of this exchange outside a channel read (a callback, a timer): a failure still answers. */
    void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /**
     * The access decision for this request, by the config's one {@code AccessPipeline} (credentials,
     * posture, risk, policy, rate limit). Never throws: a failure is a failed future, which
     * {@link #onVerdict} denies.
     */
    private CompletableFuture<AccessDecision> decide(AccessRequest access) {
        try {
            return rc.access().decide(access, shared.access());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The decision turned into what happens next, as {@link AccessResponses} maps it: the forward, a
     * login redirect, or a refusal (400, 401 with its {@code WWW-Authenticate}, 403, 429). An error or
     * no decision is a 403: fail closed.
     */
    void onVerdict(AccessRequest access, AccessDecision d, Throwable error) {
        if (state != ExchangeState.DECIDING) {
            return;
        }
        decisionNanos = System.nanoTime() - startNanos;
        shared.metrics().decisionLatency(decisionNanos);
        if (error != null || d == null) {
            shared.metrics().internalError();
            LOG.error("internal error while authorizing request {} on route {}: {}", requestId, route.id(),
                    error == null ? "no verdict" : error.toString());
            verdict = new Verdict(Verdict.Kind.FORBIDDEN, List.of("internal-error"), null, null, null, null);
            LocalReplies.refuse(this, HttpResponseStatus.FORBIDDEN, "internal-error", null, false);
            return;
        }
        verdict = d.verdict();
        shadow = shadowOf(verdict);
        if (d.rateLimit() != null) {
            shared.metrics().rateLimited(route.id(), d.rateLimit().limit().per());
        }
        AccessResponse r = AccessResponses.of(access, d, rc.sso().loginEnabled(), shared.clock());
        sessionCookies = r.setCookies();
        switch (r.action()) {
            case FORWARD -> forward(access);
            case LOGIN -> {
                state = ExchangeState.ANSWERING_LOCALLY;
                LocalReplies.whenReady(this,
                        LoginRedirects.start(rc.sso(), request, r.login(), requestId, conn.ctx().alloc()));
            }
            case REFUSE -> {
                retryAfterSeconds = r.retryAfterSeconds();
                bindingChallenge = r.binding();
                LocalReplies.refuse(this, HttpResponseStatus.valueOf(r.status()), r.reasons().get(0),
                        r.wwwAuthenticate(), r.close());
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

    private void forward(AccessRequest access) {
        state = ExchangeState.CONNECTING;
        // A copy: the rewrite below strips credentials a re-evaluation must see again.
        allowedAs = new AccessRequest(access.target(), request.headers().copy()::getAll, access.peer(), access.time(),
                access.requestId());
        websocket = route.config().transport().websocket() && !(conn.ctx().channel() instanceof Http2StreamChannel)
                && WebSocketUpgrade.requested(request);
        RequestRewrite.apply(request.headers(), rc, this);
        trace.toUpstream(request.headers(), route.upstream().host(), route.upstream().port());
        request.setUri(route.upstream().target(path, rawQuery));
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        leg = new UpstreamLeg(this, conn, route.upstream(), request, pending, route.config().limits().timeout() != null
                ? route.config().limits().timeout() : rc.config().timeouts().upstreamResponse());
        leg.connect();
    }

    @Override
    public void onClientContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        bodyBytes += content.content().readableBytes();
        if (bodyWatch != null) {
            bodyWatch.piece();
        }
        if (last) {
            requestComplete = true;
            if (bodyWatch != null) {
                bodyWatch.stop();
            }
        }
        if (state.ended()) {
            content.release();
            return;
        }
        if (bodyBytes > maxBody && maxBody > 0) {
            content.release();
            // The upstream may have the head and part of the body: drop that connection (it never sees
            // an end) and still tell the client why, if it has had no byte of an answer yet.
            failBeforeOrCut(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body-too-large");
            return;
        }
        if (last) {
            // Trailers could smuggle identity headers to upstreams that merge them.
            rc.scrubber().scrubTrailers((LastHttpContent) content);
        }
        if (leg == null || !leg.attached()) {
            pending.add(content);
            if (last && bodyWaiter != null) {
                Runnable waiter = bodyWaiter;
                bodyWaiter = null;
                waiter.run();
            }
            return;
        }
        leg.clientContent(content);
    }

    private void bodyStalled() {
        if (state.ended() || requestComplete) {
            return;
        }
        shared.metrics().timeout("body_read");
        failBeforeOrCut(HttpResponseStatus.REQUEST_TIMEOUT, "body-read-timeout");
    }

    /**
     * Ends the exchange for a fault found while it runs: the answer {@code st} (and close) when the
     * client got no byte of a response yet, the upstream connection dropped so it never takes a partial
     * request as complete; else the response is cut.
     */
    private void failBeforeOrCut(HttpResponseStatus st, String reason) {
        if (state.responseStarted()) {
            cut(reason);
            return;
        }
        if (leg != null) {
            leg.drop();
        }
        LocalReplies.refuse(this, st, reason, null, true);
    }

    @Override
    public void edgeRefused(HttpResponseStatus st, String reason) {
        if (!state.ended()) {
            failBeforeOrCut(st, reason);
        }
    }

    @Override
    public void failed(Throwable cause) {
        shared.metrics().internalError();
        LOG.error("internal error in request {} ({}): {}", requestId, state, cause.toString(), cause);
        if (state.ended()) {
            conn.ctx().close(); // logged already; what is left of the connection can't be trusted
            return;
        }
        if (state.responseStarted()) {
            cut("internal-error");
        } else {
            if (leg != null) {
                leg.drop();
            }
            if (verdict == null) {
                verdict = new Verdict(Verdict.Kind.BAD_REQUEST, List.of("internal-error"), null, null, null, null);
            }
            LocalReplies.refuse(this, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal-error", null, true);
        }
    }

    /** The upstream could not be used (connect failed, closed, timed out): 502 or 504, nothing was sent yet. */
    void upstreamFailed(String reason) {
        if (state.ended()) {
            return;
        }
        HttpResponseStatus st = reason.equals("upstream-timeout") ? HttpResponseStatus.GATEWAY_TIMEOUT
                : HttpResponseStatus.BAD_GATEWAY;
        LocalReplies.refuse(this, st, reason, null, !requestComplete);
    }

    /** Ends the exchange as switched (logged with status 101): the byte relay owns both connections now. */
    void switched() {
        endTimers();
        endedIn = state;
        state = ExchangeState.SWITCHED;
        ExchangeLog.record(this);
        conn.exchangeSwitched(this);
    }

    /** The whole response went to the client. */
    void responseEnded() {
        finish(!keepAlive);
    }

    /**
     * Ends a response the client already began to receive: the connection closes, as nothing else can
     * tell the client it is incomplete, and the decision line says it was cut, with the status sent.
     */
    void cut(String reason) {
        if (state.ended()) {
            return;
        }
        failureReason = reason;
        if (leg != null) {
            leg.drop();
        }
        releasePending();
        finish(true);
        conn.ctx().close();
    }

    @Override
    public void clientClosed() {
        if (state.ended()) {
            return;
        }
        if (!state.responseStarted()) {
            status = 499; // nginx's code for a client that went away before the answer; nothing was sent
        }
        cut("client-closed");
    }

    @Override
    public void lastOnConnection() {
        keepAlive = false;
    }

    @Override
    public void clientReadComplete() {
        if (leg != null) {
            leg.flush();
        }
    }

    @Override
    public void clientWritabilityChanged(boolean writable) {
        if (leg != null) {
            leg.clientWritabilityChanged(writable);
        }
    }

    /** Ends the exchange once: timers stopped, the decision line written, the connection told. */
    void finish(boolean close) {
        if (state.ended()) {
            return;
        }
        endedIn = state;
        state = ExchangeState.DONE;
        endTimers();
        shared.live().remove(live);
        ExchangeLog.record(this);
        conn.exchangeFinished(this, close);
    }

    private void endTimers() {
        if (bodyWatch != null) {
            bodyWatch.stop();
        }
        if (leg != null) {
            leg.cancelWatch();
        }
    }
}
