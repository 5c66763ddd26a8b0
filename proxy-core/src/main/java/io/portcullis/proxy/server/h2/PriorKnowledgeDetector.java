package io.portcullis.proxy.server.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.portcullis.proxy.server.ProtocolInstaller;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * On a cleartext listener that allows h2c: a connection whose first bytes are the HTTP/2 connection
 * preface ({@code PRI * HTTP/2.0...}) gets HTTP/2, anything else HTTP/1.1. Decides as soon as a byte
 * differs from the preface, then leaves the pipeline and hands on what it buffered. The HTTP/1.1
 * {@code Upgrade: h2c} dance is not offered: it would put an HTTP/1.1 request through a second path.
 * A connection that has not decided within {@code timeoutMillis} (silent, or dribbling the preface)
 * is closed, so the detector is no slowloris hole in front of the header-read timeout.
 */
public final class PriorKnowledgeDetector extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf().asReadOnly();

    private final ProtocolInstaller installer;
    private final long timeoutMillis;
    private final Runnable onTimeout;
    private ScheduledFuture<?> deadline;

    /** @param onTimeout told when a connection is closed for not deciding in time (metrics) */
    public PriorKnowledgeDetector(ProtocolInstaller installer, long timeoutMillis, Runnable onTimeout) {
        this.installer = installer;
        this.timeoutMillis = timeoutMillis;
        this.onTimeout = onTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            if (!ctx.isRemoved()) {
                onTimeout.run();
                ctx.close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int prefaceLength = PREFACE.readableBytes();
        int n = Math.min(in.readableBytes(), prefaceLength);
        if (!ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), n)) {
            installer.http1(ctx);
            ctx.pipeline().remove(this);
        } else if (n == prefaceLength) {
            installer.http2(ctx);
            ctx.pipeline().remove(this);
        }
    }
}
