package io.portcullis.proxy.server.h2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.portcullis.proxy.server.ProtocolInstaller;
import java.util.List;

/**
 * On a cleartext listener that allows h2c: a connection whose first bytes are the HTTP/2 connection
 * preface ({@code PRI * HTTP/2.0...}) gets HTTP/2, anything else HTTP/1.1. Decides as soon as a byte
 * differs from the preface, then leaves the pipeline and hands on what it buffered. The HTTP/1.1
 * {@code Upgrade: h2c} dance is not offered: it would put an HTTP/1.1 request through a second path.
 */
public final class PriorKnowledgeDetector extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf().asReadOnly();

    private final ProtocolInstaller installer;

    public PriorKnowledgeDetector(ProtocolInstaller installer) {
        this.installer = installer;
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
