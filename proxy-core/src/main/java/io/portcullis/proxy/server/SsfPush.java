package io.portcullis.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.portcullis.identity.events.delivery.PushEndpoint;
import io.portcullis.identity.events.delivery.PushRequest;
import io.portcullis.identity.events.delivery.PushResponse;
import io.portcullis.proxy.errors.ErrorResponses;
import io.portcullis.proxy.sso.LocalAnswer;
import io.portcullis.proxy.sso.ReservedPaths;
import java.util.concurrent.CompletableFuture;

/**
 * The RFC 8935 push path, {@code POST /.portcullis/ssf/push/<transmitter id>}: decided before routing
 * like every reserved path, so no route, policy or upstream ever sees it. The Netty side only: the
 * body is read up to {@link PushEndpoint#MAX_BODY_BYTES} (a declared length beyond it is answered
 * 400 {@code invalid_request} without reading, and the connection closed), then the transmitter's
 * {@link PushEndpoint} decides. Any other method is answered 405, an unknown transmitter id 404.
 */
final class SsfPush {

    private SsfPush() {
    }

    static boolean handles(String path) {
        return path.startsWith(ReservedPaths.SSF_PUSH);
    }

    static void answer(Exchange ex) {
        String id = ex.path.substring(ReservedPaths.SSF_PUSH.length());
        PushEndpoint endpoint = ex.shared.events().push(id);
        if (endpoint == null) {
            LocalReplies.refuse(ex, HttpResponseStatus.NOT_FOUND, "ssf-transmitter-unknown", null, false);
            return;
        }
        if (!HttpMethod.POST.equals(ex.request.method())) {
            FullHttpResponse res = ErrorResponses.build(ex.conn.ctx().alloc(), HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method-not-allowed", ex.requestId, false, HttpMethod.HEAD.equals(ex.request.method()));
            res.headers().set(HttpHeaderNames.ALLOW, "POST");
            LocalReplies.send(ex, res, "method-not-allowed", false);
            return;
        }
        PushResponse tooLong = endpoint.refuseLength(HttpUtil.getContentLength(ex.request, -1L));
        if (tooLong != null) {
            // Not read: the connection closes, so nothing left of the body is taken for a request.
            LocalReplies.send(ex, response(ex, tooLong), tooLong.reason(), true);
            return;
        }
        if (!ex.bodyExpected()) {
            ex.conn.clientReads(false);
            LocalReplies.whenReady(ex, handle(ex, endpoint, new byte[0]));
            return;
        }
        // A chunked body that grows past the bound is refused by the exchange (413) and the connection closed.
        ex.maxBody = PushEndpoint.MAX_BODY_BYTES;
        ex.bodyWaiter = () -> LocalReplies.whenReady(ex, handle(ex, endpoint, body(ex)));
        if (ex.expectContinue) {
            ex.conn.ctx().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    private static CompletableFuture<LocalAnswer> handle(Exchange ex, PushEndpoint endpoint, byte[] body) {
        PushRequest request = new PushRequest(ex.request.headers().get(HttpHeaderNames.AUTHORIZATION),
                ex.request.headers().get(HttpHeaderNames.CONTENT_TYPE), body);
        return endpoint.handle(request).thenApply(r -> new LocalAnswer(response(ex, r), r.reason()));
    }

    private static FullHttpResponse response(Exchange ex, PushResponse r) {
        ByteBuf content = ex.conn.ctx().alloc().buffer(r.body().length).writeBytes(r.body());
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                content);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        if (r.contentType() != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        if (r.retryAfterSeconds() > 0) {
            res.headers().setInt(HttpHeaderNames.RETRY_AFTER, r.retryAfterSeconds());
        }
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return res;
    }

    private static byte[] body(Exchange ex) {
        int size = 0;
        for (HttpContent c : ex.pending) {
            size += c.content().readableBytes();
        }
        byte[] out = new byte[size];
        int at = 0;
        for (HttpContent c : ex.pending) {
            int n = c.content().readableBytes();
            c.content().getBytes(c.content().readerIndex(), out, at, n);
            at += n;
        }
        return out;
    }
}
