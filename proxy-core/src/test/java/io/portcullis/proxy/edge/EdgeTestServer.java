package io.portcullis.proxy.edge;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.portcullis.config.LimitsConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real Netty server on a loopback ephemeral port: the {@link EdgeCodec}, then a recorder standing in
 * for the proxy that notes every message it is handed and answers each complete request with 200.
 * Rejections are answered with a JSON error and a lingering close (FIN after the response, then the
 * socket closes when the client does), so the error is never lost to a reset.
 */
final class EdgeTestServer implements AutoCloseable {

    /** What reached the stand-in proxy: "METHOD uri", "body:...", "end". */
    final List<String> seen = new CopyOnWriteArrayList<>();
    /** The refusals the edge fired: "status reason". */
    final List<String> rejections = new CopyOnWriteArrayList<>();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    EdgeTestServer(LimitsConfig limits) throws InterruptedException {
        EdgeCodec codec = new EdgeCodec(limits, false);
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        codec.install(ch.pipeline());
                        ch.pipeline().addLast(new Recorder());
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private void reject(ChannelHandlerContext ctx, EdgeRefusal refusal) {
        HttpResponseStatus status = refusal.status();
        String reason = refusal.reason();
        rejections.add(status.code() + " " + reason);
        FullHttpResponse response = response(status, "{\"error\":\"" + reason + "\"}");
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written ->
                ((SocketChannel) written.channel()).shutdownOutput());
    }

    private static FullHttpResponse response(HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof EdgeRefusal refusal) {
                reject(ctx, refusal);
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest request) {
                    seen.add(request.method() + " " + request.uri());
                }
                if (msg instanceof HttpContent content && content.content().isReadable()) {
                    seen.add("body:" + content.content().toString(StandardCharsets.ISO_8859_1));
                }
                if (msg instanceof LastHttpContent) {
                    seen.add("end");
                    ctx.writeAndFlush(response(HttpResponseStatus.OK, "ok"));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
