package io.portcullis.proxy.server;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.errors.ErrorResponses;
import io.portcullis.proxy.live.LiveEntry;
import io.portcullis.proxy.resource.ResourceMetadataEndpoint;
import io.portcullis.proxy.resource.ChallengeHeaders;
import io.portcullis.proxy.resource.ResourceMetadataLocation;
import io.portcullis.proxy.sso.LocalAnswer;
import io.portcullis.proxy.sso.ReservedPaths;
import io.portcullis.proxy.sso.SsoEndpoints;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers an {@link Exchange} makes itself, never an upstream's: refusals (the error body with
 * its request id, {@code Retry-After}, {@code WWW-Authenticate}), answers prepared elsewhere (login
 * redirects, the reserved {@code /.portcullis/...} endpoints), each with the session's cookies, and
 * {@code Connection: close} when the connection cannot carry another request.
 */
final class LocalReplies {

    private static final Logger LOG = LoggerFactory.getLogger(LocalReplies.class);

    private LocalReplies() {
    }

    /** Answers {@code st} with the proxy's error body; the request never reaches an upstream. */
    static void refuse(Exchange ex, HttpResponseStatus st, String reason, String wwwAuthenticate,
                       boolean forceClose) {
        if (ex.verdict == null) {
            ex.verdict = new Verdict(st.code() == 404 ? Verdict.Kind.FORBIDDEN : Verdict.Kind.BAD_REQUEST,
                    List.of(reason), null, null, null, null);
        }
        FullHttpResponse res = ErrorResponses.build(ex.rc.config().transport().errorPages(), ex.conn.ctx().alloc(),
                st, reason, ex.requestId,
                ErrorResponses.wantsHtml(ex.request.headers().get(HttpHeaderNames.ACCEPT)),
                HttpMethod.HEAD.equals(ex.request.method()));
        if (ex.retryAfterSeconds > 0) {
            res.headers().set(HttpHeaderNames.RETRY_AFTER, ex.retryAfterSeconds);
        }
        String metadata = st.code() == 401 ? metadataUrl(ex) : null;
        for (var field : ChallengeHeaders.of(wwwAuthenticate, ex.bindingChallenge, metadata)) {
            res.headers().add(field.getKey(), field.getValue());
        }
        send(ex, res, reason, forceClose);
    }

    /** Where a 401's client finds the route's RFC 9728 metadata (§5.1), or null when none is served. */
    private static String metadataUrl(Exchange ex) {
        if (ex.route == null || !ResourceMetadataEndpoint.enabled(ex.rc.config())) {
            return null;
        }
        HttpHeaders h = ex.request.headers();
        return ResourceMetadataLocation.url(RequestOrigin.of(ex.rc.config(), ex.shared.scheme(),
                h.get(HttpHeaderNames.HOST), h, ex.peerTrusted), ex.route.config());
    }

    /** {@code /.well-known/oauth-protected-resource[/<path>]}: RFC 9728 metadata, answered here. */
    static void resourceMetadata(Exchange ex, HttpHeaders h) {
        String origin = RequestOrigin.of(ex.rc.config(), ex.shared.scheme(), h.get(HttpHeaderNames.HOST), h,
                ex.peerTrusted);
        LocalAnswer answer = ResourceMetadataEndpoint.answer(ex.rc.config(), ex.rc.router(), ex.request, ex.path,
                origin, ex.requestId, ex.conn.ctx().alloc());
        send(ex, answer.response(), answer.reason(), false);
    }

    /** Writes a response made here and ends the exchange. */
    static void send(Exchange ex, FullHttpResponse res, String reason, boolean forceClose) {
        ex.failureReason = reason;
        ex.status = res.status().code();
        ex.releasePending();
        // An unread request body is not drained: the connection is closed instead, so nothing left of
        // it can be read as a next request. A request that declared no body only has its empty end
        // marker left, which the next dispatch drops.
        boolean close = ex.closeAfterLocalAnswer(forceClose);
        List<String> cookies = ex.sessionCookies;
        for (int i = 0, n = cookies.size(); i < n; i++) {
            res.headers().add(HttpHeaderNames.SET_COOKIE, cookies.get(i));
        }
        if (close) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ex.conn.ctx().writeAndFlush(res);
        ex.finish(close);
    }

    /** Sends an answer made elsewhere when it is ready, on the connection's event loop. */
    static void whenReady(Exchange ex, CompletableFuture<LocalAnswer> answer) {
        answer.whenComplete((a, error) -> ex.conn.ctx().executor().execute(() -> ex.guarded(() -> {
            if (ex.state().ended()) {
                if (a != null) {
                    ReferenceCountUtil.release(a.response());
                }
                return;
            }
            if (a == null) {
                LOG.warn("request {}: local answer failed: {}", ex.requestId, String.valueOf(error));
                refuse(ex, HttpResponseStatus.BAD_GATEWAY, "idp-unreachable", null, false);
                return;
            }
            send(ex, a.response(), a.reason(), false);
        })));
    }

    /** The reserved paths ({@code /.portcullis/...}): answered here, never routed or forwarded. */
    static void reserved(Exchange ex) {
        if (SsfPush.handles(ex.path)) {
            SsfPush.answer(ex);
            return;
        }
        SsoEndpoints endpoints = new SsoEndpoints(ex.rc.sso(), ex.conn.ctx().alloc(), ex.shared.clock(),
                ex.rc.config().transport().errorPages());
        if (!ReservedPaths.readsBody(ex.path) || !ex.bodyExpected()) {
            ex.conn.clientReads(false);
            whenReady(ex, endpoints.handle(ex.request, ex.path, ex.rawQuery, "", ex.requestId));
            return;
        }
        ex.maxBody = SsoEndpoints.MAX_BODY_BYTES;
        if (HttpUtil.getContentLength(ex.request, -1L) > ex.maxBody) {
            refuse(ex, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body-too-large", null, true);
            return;
        }
        ex.bodyWaiter = () -> whenReady(ex, closingLoggedOut(ex, endpoints.handle(ex.request, ex.path, ex.rawQuery,
                bodyText(ex), ex.requestId)));
        if (ex.expectContinue) {
            ex.conn.ctx().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    /**
     * After a back-channel logout, the SSO issuer's live connections are decided again: those whose
     * session it ended close on this replica now, not at their next request.
     */
    private static CompletableFuture<LocalAnswer> closingLoggedOut(Exchange ex, CompletableFuture<LocalAnswer> answer) {
        return answer.thenApply(a -> {
            if (a != null && "backchannel-logout".equals(a.reason()) && ex.rc.config().sso() != null) {
                ex.shared.live().reevaluate(LiveEntry.byIssuerId(ex.rc.config().sso().issuerId()), "backchannel-logout");
            }
            return a;
        });
    }

    private static String bodyText(Exchange ex) {
        StringBuilder text = new StringBuilder();
        for (HttpContent c : ex.pending) {
            text.append(c.content().toString(StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
