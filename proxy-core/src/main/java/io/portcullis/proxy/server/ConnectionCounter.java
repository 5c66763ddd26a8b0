package io.portcullis.proxy.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.portcullis.proxy.observe.Metrics;

/**
 * Counts client connections for {@code portcullis_connections_open}: first in every accepted
 * connection's pipeline and never removed, so it counts TCP connections whatever runs above them —
 * HTTP/1.1, each HTTP/2 stream's own handler (counting there made every stream a connection), or a
 * WebSocket relay.
 */
@ChannelHandler.Sharable
final class ConnectionCounter extends ChannelInboundHandlerAdapter {

    private final Metrics metrics;

    ConnectionCounter(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        metrics.connectionOpened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        metrics.connectionClosed();
        ctx.fireChannelInactive();
    }
}
