package io.portcullis.proxy.resource;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.proxy.errors.ErrorResponses;
import io.portcullis.proxy.routing.Route;
import io.portcullis.proxy.routing.Router;
import io.portcullis.proxy.sso.LocalAnswer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers {@code GET /.well-known/oauth-protected-resource[/<path>]} (RFC 9728 §3): the bare path
 * describes the origin, a path one of the routes (404 when no route takes that path on this host). The
 * resource named is exactly the origin plus the requested path, as §3.3 demands of the client's check.
 * Served whenever an issuer vouches for users; the request never reaches an upstream.
 */
public final class ResourceMetadataEndpoint {

    private ResourceMetadataEndpoint() {
    }

    /** Whether the proxy serves metadata at all: there is an issuer a client could get a token from. */
    public static boolean enabled(PortcullisConfig cfg) {
        return !ProtectedResourceMetadata.authorizationServers(cfg).isEmpty();
    }

    /**
     * @param origin {@code scheme://host[:port]} the client addressed (external_url, or the listener's
     *               scheme and Host as a trusted proxy forwarded them)
     */
    public static LocalAnswer answer(PortcullisConfig cfg, Router router, HttpRequest request, String path,
                                     String origin, String requestId, ByteBufAllocator alloc) {
        boolean head = HttpMethod.HEAD.equals(request.method());
        boolean html = ErrorResponses.wantsHtml(request.headers().get(HttpHeaderNames.ACCEPT));
        if (!head && !HttpMethod.GET.equals(request.method())) {
            FullHttpResponse res = ErrorResponses.build(alloc, HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method-not-allowed", requestId, html, false);
            res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return new LocalAnswer(res, "method-not-allowed");
        }
        String resourcePath = ResourceMetadataLocation.resourcePath(path);
        // The bare form names the route of "/" on this host, if any, for its scopes.
        Route route = router.match(request.headers().get(HttpHeaderNames.HOST),
                resourcePath.isEmpty() ? "/" : resourcePath, HttpMethod.GET.name());
        if (route == null && !resourcePath.isEmpty()) {
            return new LocalAnswer(ErrorResponses.build(alloc, HttpResponseStatus.NOT_FOUND, "no-route", requestId,
                    html, head), "no-route");
        }
        List<String> scopes = route == null ? List.of() : route.config().access().scopesSupported();
        byte[] body = ProtectedResourceMetadata.document(cfg, origin + resourcePath, scopes)
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        res.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                // The document names the origin the client used: a cache must key it by that too.
                .set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=300")
                .set(HttpHeaderNames.VARY, "Host, X-Forwarded-Host, X-Forwarded-Proto")
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Request-Id", requestId);
        return new LocalAnswer(res, "resource-metadata");
    }
}
