package io.portcullis.proxy.errors;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.portcullis.config.ErrorPagesConfig;
import io.portcullis.config.PageTemplate;
import io.portcullis.proxy.observe.Json;
import java.nio.charset.StandardCharsets;

/**
 * Builds the proxy's own error responses: a short JSON body (or a small HTML page for browsers, the
 * operator's template from {@code errors.templates} when there is one) with the status, a reason code
 * and the request id. Never an exception name, stack trace or
 * anything from a token. Headers forbid caching and sniffing.
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** Builds the response with the built-in page; the caller adds WWW-Authenticate and Connection as needed. */
    public static FullHttpResponse build(ByteBufAllocator alloc, HttpResponseStatus status, String reason,
                                         String requestId, boolean html, boolean headRequest) {
        return build(ErrorPagesConfig.builtIn(), alloc, status, reason, requestId, html, headRequest);
    }

    /**
     * Builds the response, HTML from the operator's template for the status when there is one. API
     * clients get the JSON body whatever the templates: content negotiation is kept.
     */
    public static FullHttpResponse build(ErrorPagesConfig pages, ByteBufAllocator alloc, HttpResponseStatus status,
                                         String reason, String requestId, boolean html, boolean headRequest) {
        PageTemplate template = html ? pages.forStatus(status.code()) : null;
        String body = !html ? json(status, reason, requestId)
                : template != null ? ErrorPage.render(template, status, reason, requestId, pages.supportUrl())
                : html(status, reason, requestId);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = headRequest ? alloc.buffer(0) : alloc.buffer(bytes.length).writeBytes(bytes);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        res.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, html ? "text/html; charset=utf-8" : "application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Request-Id", requestId);
        if (html) {
            res.headers().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        }
        return res;
    }

    /** Whether the client prefers HTML (a browser navigation) over JSON. */
    public static boolean wantsHtml(String accept) {
        return accept != null && accept.contains("text/html");
    }

    static String json(HttpResponseStatus status, String reason, String requestId) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("{\"status\":").append(status.code()).append(",\"error\":");
        Json.quote(sb, errorName(status));
        sb.append(",\"reason\":");
        Json.quote(sb, reason);
        sb.append(",\"request_id\":");
        Json.quote(sb, requestId);
        return sb.append("}\n").toString();
    }

    static String html(HttpResponseStatus status, String reason, String requestId) {
        String title = status.code() + " " + escape(status.reasonPhrase());
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:4em auto;color:#222}"
                + "code{background:#eee;padding:.1em .3em}</style></head><body>"
                + "<h1>" + title + "</h1>"
                + "<p>" + escape(explanation(status)) + "</p>"
                + "<p>Reason: <code>" + escape(reason) + "</code><br>Request id: <code>" + escape(requestId)
                + "</code></p><p>If you believe you should have access, send the request id to your"
                + " administrator.</p></body></html>\n";
    }

    static String explanation(HttpResponseStatus status) {
        return switch (status.code()) {
            case 401 -> "You need to sign in (or sign in again) to reach this page.";
            case 403 -> "Access to this page was refused by policy.";
            case 404 -> "No application is configured at this address.";
            case 502, 503 -> "The application behind this address is not reachable right now.";
            case 504 -> "The application behind this address did not answer in time.";
            default -> "The request could not be processed.";
        };
    }

    static String errorName(HttpResponseStatus status) {
        return switch (status.code()) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 417 -> "expectation_failed";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            case 502 -> "bad_gateway";
            case 503 -> "unavailable";
            case 504 -> "gateway_timeout";
            default -> status.code() >= 500 ? "server_error" : "client_error";
        };
    }

    private static String escape(String s) {
        return escape(new StringBuilder(s.length()), s).toString();
    }

    /** Appends {@code s} escaped for HTML text and quoted attribute values. */
    static StringBuilder escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb;
    }
}
