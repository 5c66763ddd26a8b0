package io.portcullis.proxy.server;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.forward.RequestRewrite;
import io.portcullis.proxy.forward.ResponseRewrite;
import io.portcullis.proxy.live.LiveEntry;
import io.portcullis.proxy.observe.ShadowResult;
import io.portcullis.proxy.routing.Route;
import io.portcullis.proxy.trace.RequestSpan;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.List;

/**
 * What one {@link Exchange} knows as it goes: the request and its facts, where it is
 * ({@link ExchangeState}), the verdict, and what was sent. The header rewrites read it through their
 * {@code Facts} views, which it implements itself so that a request allocates nothing for them; the
 * decision line ({@link ExchangeLog}) and the local answers ({@link LocalReplies}) read and set it.
 * The behaviour is the {@link Exchange}'s.
 */
abstract class ExchangeFacts implements RequestRewrite.Facts, ResponseRewrite.Facts {

    final ClientConnection conn;
    final ProxyContext shared;
    /** The config of this request, read once: a reload never changes a request half-way. */
    final RuntimeConfig rc;
    final HttpRequest request;
    final long startNanos = System.nanoTime();
    /** Body pieces read before an upstream (or a local endpoint) took them. */
    final ArrayDeque<HttpContent> pending = new ArrayDeque<>(2);
    ExchangeState state = ExchangeState.DECIDING;
    /** The state it was in when it ended: an end after the response started is a cut response. */
    ExchangeState endedIn;
    String requestId;
    /** The client's own X-Request-Id when it came from a peer we do not trust to set ours. */
    String clientRequestId;
    /** The canonical path, and the query the upstream gets unchanged. */
    String path;
    String rawQuery;
    /** The client address policies see. */
    String sourceIp = "";
    InetAddress peer;
    boolean peerTrusted;
    Route route;
    boolean keepAlive;
    boolean expectContinue;
    boolean requestComplete;
    /** A WebSocket handshake the route forwards. */
    boolean websocket;
    long maxBody;
    long decisionNanos;
    Verdict verdict;
    ShadowResult shadow;
    long retryAfterSeconds;
    /** The challenges and nonce of a token whose sender binding was not proven, or null. */
    io.portcullis.identity.binding.BindingChallenge bindingChallenge;
    /** The status the client got (the upstream's, once its head was passed on). */
    int status;
    /** Why the exchange did not end with a whole answer of the upstream's, or null. */
    String failureReason;
    /** Set-Cookie values the session part adds to whatever response this exchange gets. */
    List<String> sessionCookies = List.of();
    /** Runs once the whole request body is in {@code pending}, for endpoints that answer locally. */
    Runnable bodyWaiter;
    /** The request as it was allowed (headers copied before the rewrite), for a later re-evaluation. */
    AccessRequest allowedAs;
    /** This exchange in the live registry while its response streams, or null. */
    LiveEntry live;
    /** The request's span; {@link RequestSpan#OFF} with tracing off, or before the request is read. */
    RequestSpan trace = RequestSpan.OFF;

    ExchangeFacts(ClientConnection conn, HttpRequest request) {
        this.conn = conn;
        this.shared = conn.shared();
        this.rc = shared.runtime().get();
        this.request = request;
    }

    ExchangeState state() {
        return state;
    }

    /** Whether the whole request (its last content) was read. */
    public boolean requestComplete() {
        return requestComplete;
    }

    boolean bodyExpected() {
        return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    /** Whether a local answer must close the connection: asked to, not keep-alive, or a body left unread. */
    boolean closeAfterLocalAnswer(boolean forceClose) {
        return forceClose || !keepAlive || (!requestComplete && bodyExpected());
    }

    void releasePending() {
        HttpContent c;
        while ((c = pending.poll()) != null) {
            c.release();
        }
    }

    @Override
    public Route route() {
        return route;
    }

    @Override
    public Verdict verdict() {
        return verdict;
    }

    @Override
    public InetAddress peer() {
        return peer;
    }

    @Override
    public boolean peerTrusted() {
        return peerTrusted;
    }

    @Override
    public String scheme() {
        return shared.scheme();
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public boolean websocket() {
        return websocket;
    }

    @Override
    public boolean headRequest() {
        return HttpMethod.HEAD.equals(request.method());
    }

    @Override
    public boolean http10() {
        return request.protocolVersion().equals(HttpVersion.HTTP_1_0);
    }

    @Override
    public boolean keepAlive() {
        // The upstream answered before the body was fully sent: finish this response, then close, as
        // what remains of the body can't be resynchronised.
        return keepAlive && requestComplete;
    }

    @Override
    public List<String> sessionCookies() {
        return sessionCookies;
    }
}
