package io.portcullis.proxy.server.h2;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.proxy.edge.CanonicalPath;
import io.portcullis.proxy.edge.EdgeReasons;
import io.portcullis.proxy.edge.EdgeRefusal;
import io.portcullis.proxy.edge.Rejection;
import io.portcullis.proxy.edge.RequestGuard;

/**
 * The HTTP/2 counterpart of the HTTP/1.1 edge gate, on one stream after its frames became an
 * {@link HttpRequest}: the same {@link RequestGuard} (header bytes and count, Host, framing) and the
 * same {@link CanonicalPath} rules, so routing, policy and upstream see one canonical origin-form
 * path whichever protocol the client spoke. {@code :path} must be origin-form (or {@code *} for
 * OPTIONS). Netty's conversion headers ({@code x-http2-*}) are removed so they never reach an
 * upstream. A refusal fires an {@link EdgeRefusal} down the stream's pipeline; nothing of the stream is
 * passed on.
 */
public final class Http2RequestGate extends ChannelInboundHandlerAdapter {

    private final RequestGuard guard;
    private final boolean allowEncodedSlash;
    private boolean rejected;
    /** The canonical path of the head being admitted, for the refusal's decision line. */
    private String admittedPath;

    public Http2RequestGate(RequestGuard guard, boolean allowEncodedSlash) {
        this.guard = guard;
        this.allowEncodedSlash = allowEncodedSlash;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            removeConversionHeaders(request.headers());
            admittedPath = null;
            Rejection r = admit(request);
            if (r != null) {
                String method = request.decoderResult().isSuccess() ? request.method().name() : null;
                ReferenceCountUtil.release(msg);
                rejected = true;
                ctx.fireUserEventTriggered(new EdgeRefusal(r.status(), r.reason(), method, admittedPath));
                return;
            }
            if (msg instanceof FullHttpRequest full) {
                // A stream that ended with its HEADERS: pass head and end apart, as HTTP/1.1 does,
                // so the one request path never sees one object as both.
                ctx.fireChannelRead(new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(),
                        full.headers()));
                ctx.fireChannelRead(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private Rejection admit(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return badRequest(EdgeReasons.REQUEST_MALFORMED);
        }
        CanonicalPath.Result target = CanonicalPath.parse(request.uri(), allowEncodedSlash);
        if (target instanceof CanonicalPath.Canonical canonical && canonical.absoluteFormAuthority() == null) {
            admittedPath = canonical.path();
        }
        Rejection head = guard.check(request, null);
        if (head != null) {
            return head;
        }
        if (target instanceof CanonicalPath.Rejected rejectedPath) {
            return badRequest(rejectedPath.reason());
        }
        if (target instanceof CanonicalPath.AsteriskForm) {
            return HttpMethod.OPTIONS.equals(request.method())
                    ? null : badRequest(EdgeReasons.PATH_ASTERISK);
        }
        CanonicalPath.Canonical canonical = (CanonicalPath.Canonical) target;
        if (canonical.absoluteFormAuthority() != null) {
            return badRequest(EdgeReasons.PATH_INVALID_FORM);
        }
        if (!canonical.isOriginFormOf(request.uri())) {
            request.setUri(canonical.originForm());
        }
        return null;
    }

    private static Rejection badRequest(String reason) {
        return new Rejection(HttpResponseStatus.BAD_REQUEST, reason, true);
    }

    private static void removeConversionHeaders(HttpHeaders headers) {
        for (HttpConversionUtil.ExtensionHeaderNames n : HttpConversionUtil.ExtensionHeaderNames.values()) {
            headers.remove(n.text());
        }
    }
}
