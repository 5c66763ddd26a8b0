package io.portcullis.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits before the HTTP/1.1 decoder and notices the first bytes of a new request head, so the
 * {@link ClientConnection} can tell a slow head (slowloris: 408 after {@code timeouts.header_read}) from
 * an idle keep-alive connection (closed quietly after {@code timeouts.idle}), and start the
 * header-read clock when a head begins rather than when the connection went idle.
 */
final class HeadActivity extends ChannelInboundHandlerAdapter {

    private boolean bytesSinceMark;
    private Runnable onFirstByte;

    /** Called on the connection's loop at the first byte read after each {@link #mark()}. */
    void onFirstByte(Runnable callback) {
        this.onFirstByte = callback;
    }

    /** Starts watching for the next head: called when an exchange starts and when it finishes. */
    void mark() {
        bytesSinceMark = false;
    }

    /** True when bytes arrived since the last mark: a head has begun but is not complete. */
    boolean partialHead() {
        return bytesSinceMark;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!bytesSinceMark && msg instanceof ByteBuf b && b.isReadable()) {
            bytesSinceMark = true;
            if (onFirstByte != null) {
                onFirstByte.run();
            }
        }
        ctx.fireChannelRead(msg);
    }
}
