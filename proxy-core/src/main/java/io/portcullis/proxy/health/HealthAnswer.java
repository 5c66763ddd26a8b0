package io.portcullis.proxy.health;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.portcullis.proxy.RuntimeConfig;
import java.nio.charset.StandardCharsets;

/**
 * The data listener's answer on {@code health_path}: 200 {@code ready} or 503 {@code not ready:
 * <why>}, from {@link Readiness} alone, never touching a route or an upstream. Only GET and HEAD are
 * answered (405 otherwise), and the answer is never cached by an intermediary.
 *
 * @param response the response to send
 * @param reason   what the exchange logs: {@code health-ready}, {@code health-not-ready} or
 *                 {@code method-not-allowed}
 */
public record HealthAnswer(FullHttpResponse response, String reason) {

    /** The answer for a request with {@code method} while {@code rc} runs. */
    public static HealthAnswer of(RuntimeConfig rc, HttpMethod method, ByteBufAllocator alloc) {
        HttpResponseStatus status;
        String body;
        String reason;
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            status = HttpResponseStatus.METHOD_NOT_ALLOWED;
            body = "method not allowed\n";
            reason = "method-not-allowed";
        } else {
            String why = Readiness.notReadyReason(rc);
            status = why == null ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
            body = why == null ? "ready\n" : "not ready: " + why + "\n";
            reason = why == null ? "health-ready" : "health-not-ready";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                HttpMethod.HEAD.equals(method) ? Unpooled.EMPTY_BUFFER : alloc.buffer(bytes.length).writeBytes(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        return new HealthAnswer(res, reason);
    }
}
