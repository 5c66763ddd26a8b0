package io.portcullis.proxy.sso;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.portcullis.config.ErrorPagesConfig;
import io.portcullis.proxy.errors.ErrorResponses;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The responses the SSO endpoints answer with themselves: redirects, JSON documents, error pages. */
final class LocalResponses {

    private LocalResponses() {
    }

    /** A 302 that no cache may keep (it carries per-login state). */
    static FullHttpResponse redirect(String location, List<String> setCookies, String requestId) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND,
                Unpooled.EMPTY_BUFFER);
        res.headers()
                .set(HttpHeaderNames.LOCATION, location)
                .set(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("X-Request-Id", requestId);
        addCookies(res, setCookies);
        return res;
    }

    static FullHttpResponse json(HttpResponseStatus status, String body, String cacheControl, String requestId) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        res.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, cacheControl)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Request-Id", requestId);
        return res;
    }

    /** The proxy's usual error page (HTML for browsers, JSON otherwise) with cookies to set. */
    static FullHttpResponse error(ByteBufAllocator alloc, HttpResponseStatus status, String reason, String requestId,
                                  boolean html, boolean head, List<String> setCookies) {
        return error(ErrorPagesConfig.builtIn(), alloc, status, reason, requestId, html, head, setCookies);
    }

    /** Like the built-in error, with the operator's templates for browsers. */
    static FullHttpResponse error(ErrorPagesConfig pages, ByteBufAllocator alloc, HttpResponseStatus status,
                                  String reason, String requestId, boolean html, boolean head, List<String> setCookies) {
        FullHttpResponse res = ErrorResponses.build(pages, alloc, status, reason, requestId, html, head);
        addCookies(res, setCookies);
        return res;
    }

    static void addCookies(FullHttpResponse res, List<String> setCookies) {
        for (String cookie : setCookies) {
            res.headers().add(HttpHeaderNames.SET_COOKIE, cookie);
        }
    }
}
