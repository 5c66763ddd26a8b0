package io.portcullis.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.portcullis.proxy.edge.EdgeRefusal;
import io.portcullis.proxy.errors.ErrorResponses;
import io.portcullis.proxy.observe.DecisionRecord;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Answers a request the edge refused before any exchange took it (malformed framing, ambiguous paths,
 * oversized heads, a head not finished in time): the error response with {@code Connection: close},
 * one decision line, a metric, then the connection closes once the answer is out.
 */
final class EdgeRefusals {

    private EdgeRefusals() {
    }

    /** Answers {@code refusal} on the connection of {@code ctx}, which is closed after the answer. */
    static void answer(ChannelHandlerContext ctx, ProxyContext shared, EdgeRefusal refusal) {
        String requestId = RequestIds.generate();
        FullHttpResponse res = ErrorResponses.build(ctx.alloc(), refusal.status(), refusal.reason(), requestId,
                false, false);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        GracefulClose.afterWrite(ctx.writeAndFlush(res));
        SocketAddress remote = ctx.channel().remoteAddress();
        String source = remote instanceof InetSocketAddress isa && isa.getAddress() != null
                ? isa.getAddress().getHostAddress() : "";
        shared.decisions().record(DecisionRecord.builder().time(shared.clock().instant()).requestId(requestId)
                .route("-").method(refusal.method()).path(refusal.path()).sourceIp(source).decision("reject")
                .reasons(List.of(refusal.reason())).status(refusal.status().code())
                .configSha256(shared.runtime().get().config().sha256()).build());
        shared.metrics().request("-", "reject", refusal.reason());
    }
}
