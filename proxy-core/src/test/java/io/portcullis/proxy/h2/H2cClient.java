package io.portcullis.proxy.h2;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bare HTTP/2 client with prior knowledge over cleartext (h2c), built from Netty's frame codec so
 * tests can send what a well-behaved client never would (connection-specific headers, odd paths).
 */
public final class H2cClient implements AutoCloseable {

    /** What came back on one stream: status and body, or the reset code. */
    public record Result(int status, String body, Long resetCode) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel connection;

    public H2cClient(int port) throws InterruptedException {
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().validateHeaders(false).build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                }).connect("127.0.0.1", port).sync().channel();
    }

    /** Headers for a request: pseudo-headers set, no validation, so anything can be added. */
    public static Http2Headers request(String method, String path) {
        return new DefaultHttp2Headers(false).method(method).path(path).scheme("http").authority("app.test");
    }

    /** Sends one request on a new stream and waits (bounded) for its end. */
    public Result send(Http2Headers headers, String body) throws Exception {
        return send(headers, body, null);
    }

    /** Sends headers, an optional body and optional trailers on a new stream; waits (bounded) for the end. */
    public Result send(Http2Headers headers, String body, Http2Headers trailers) throws Exception {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                .handler(new StreamRecorder(done)).open().sync().getNow();
        boolean hasBody = body != null;
        stream.write(new DefaultHttp2HeadersFrame(headers, !hasBody && trailers == null));
        if (hasBody) {
            stream.write(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8),
                    trailers == null));
        }
        if (trailers != null) {
            stream.write(new DefaultHttp2HeadersFrame(trailers, true));
        }
        stream.flush();
        return done.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class StreamRecorder extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Result> done;
        private final StringBuilder body = new StringBuilder();
        private int status;

        StreamRecorder(CompletableFuture<Result> done) {
            this.done = done;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame h) {
                    if (h.headers().status() != null) {
                        status = Integer.parseInt(h.headers().status().toString());
                    }
                    if (h.isEndStream()) {
                        done.complete(new Result(status, body.toString(), null));
                    }
                } else if (msg instanceof Http2DataFrame d) {
                    body.append(d.content().toString(StandardCharsets.UTF_8));
                    if (d.isEndStream()) {
                        done.complete(new Result(status, body.toString(), null));
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            // resets are not flow-controlled, so Netty delivers them as events, not reads
            if (evt instanceof Http2ResetFrame r) {
                done.complete(new Result(status, body.toString(), r.errorCode()));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done.complete(new Result(status, body.toString(), -1L));
        }
    }
}
