package io.portcullis.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.portcullis.proxy.edge.EdgeRejectionSink;
import io.portcullis.proxy.errors.ErrorResponses;
import io.portcullis.proxy.observe.DecisionRecord;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * Answers requests the edge refused (malformed framing, ambiguous paths, oversized heads): the error
 * response with {@code Connection: close}, one decision line, a metric, then the connection is closed.
 */
final class EdgeRejections implements EdgeRejectionSink {

    private final ProxyContext shared;

    EdgeRejections(ProxyContext shared) {
        this.shared = shared;
    }

    @Override
    public void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        ProxyHandler proxy = ctx.pipeline().get(ProxyHandler.class);
        if (proxy != null && proxy.edgeRejected(status, reason)) {
            // A request already in progress (e.g. its chunked body turned out malformed): the
            // exchange answers or aborts and records the decision itself.
            return;
        }
        String requestId = RequestIds.generate();
        FullHttpResponse res = ErrorResponses.build(ctx.alloc(), status, reason, requestId, false, false);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        GracefulClose.afterWrite(ctx.writeAndFlush(res));
        SocketAddress remote = ctx.channel().remoteAddress();
        String source = remote instanceof InetSocketAddress isa && isa.getAddress() != null
                ? isa.getAddress().getHostAddress() : "";
        shared.decisions().record(DecisionRecord.builder().time(Instant.now()).requestId(requestId).route("-")
                .sourceIp(source).decision("reject").reasons(List.of(reason)).status(status.code()).build());
        shared.metrics().request("-", "reject", reason);
    }
}
