package io.portcullis.proxy.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The edge's last inbound handler: lets a request through only when the decoder, the
 * {@link RequestGuard} and {@link CanonicalPath} all accept it, and passes it on with its URI rewritten
 * to the canonical {@code path[?query]}. The first refusal fires an {@link EdgeRefusal} down the
 * pipeline and ends the connection's reading: every later message is released unseen and the decoder is told to
 * drop the bytes still buffered, so nothing pipelined behind a refused request is ever taken as a
 * request.
 */
final class EdgeRequestGate extends ChannelInboundHandlerAdapter {

    private enum State { AWAIT_HEAD, IN_BODY, REJECTED }

    private final RequestGuard guard;
    private final boolean allowEncodedSlash;
    private State state = State.AWAIT_HEAD;
    /** The canonical path of the head being admitted, for the refusal's decision line. */
    private String admittedPath;

    EdgeRequestGate(RequestGuard guard, boolean allowEncodedSlash) {
        this.guard = guard;
        this.allowEncodedSlash = allowEncodedSlash;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.REJECTED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        admittedPath = null;
        Rejection rejection = msg instanceof HttpRequest request ? admitHead(request) : admitContent(msg);
        if (rejection != null) {
            String method = msg instanceof HttpRequest request && request.decoderResult().isSuccess()
                    ? request.method().name() : null;
            String path = admittedPath;
            ReferenceCountUtil.release(msg);
            reject(ctx, new EdgeRefusal(rejection.status(), rejection.reason(), method, path));
            return;
        }
        if (msg instanceof LastHttpContent) {
            state = State.AWAIT_HEAD;
        } else if (msg instanceof HttpRequest) {
            state = State.IN_BODY;
        }
        ctx.fireChannelRead(msg);
    }

    private Rejection admitHead(HttpRequest request) {
        if (state != State.AWAIT_HEAD) {
            return Rejection.badRequest(EdgeReasons.REQUEST_MALFORMED, true);
        }
        if (request.decoderResult().isFailure()) {
            return DecoderFailures.rejectionFor(request.decoderResult().cause());
        }
        CanonicalPath.Result target = CanonicalPath.parse(request.uri(), allowEncodedSlash);
        String authority = null;
        if (target instanceof CanonicalPath.Canonical canonical) {
            authority = canonical.absoluteFormAuthority();
            admittedPath = canonical.path();
        }
        Rejection head = guard.check(request, authority);
        if (head != null) {
            return head;
        }
        if (target instanceof CanonicalPath.Rejected rejected) {
            return Rejection.badRequest(rejected.reason(), true);
        }
        if (target instanceof CanonicalPath.AsteriskForm) {
            return HttpMethod.OPTIONS.equals(request.method())
                    ? null : Rejection.badRequest(EdgeReasons.PATH_ASTERISK, true);
        }
        CanonicalPath.Canonical canonical = (CanonicalPath.Canonical) target;
        if (!canonical.isOriginFormOf(request.uri())) {
            request.setUri(canonical.originForm());
        }
        return null;
    }

    private Rejection admitContent(Object msg) {
        if (!(msg instanceof HttpContent content) || state != State.IN_BODY) {
            // nothing but a head's body may follow the decoder; anything else means we lost the framing
            return Rejection.badRequest(EdgeReasons.REQUEST_MALFORMED, true);
        }
        if (content.decoderResult().isFailure()) {
            return Rejection.badRequest(EdgeReasons.BODY_MALFORMED, true);
        }
        return null;
    }

    private void reject(ChannelHandlerContext ctx, EdgeRefusal refusal) {
        state = State.REJECTED;
        StrictRequestDecoder decoder = ctx.pipeline().get(StrictRequestDecoder.class);
        if (decoder != null) {
            decoder.discardRemaining();
        }
        ctx.fireUserEventTriggered(refusal);
    }
}
