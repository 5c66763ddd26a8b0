package io.portcullis.proxy.tls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * An HTTPS upstream for tests: serves a certificate from a {@link TestPki}, optionally requires a
 * client certificate, and records the path and client-certificate subject of each request it served.
 */
final class TlsUpstream implements AutoCloseable {

    /** What the upstream saw: the request path and the client certificate's subject (or null). */
    record Seen(String uri, String clientSubject, String sni) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    TlsUpstream(Path certFile, Path keyFile, Path clientCa) throws Exception {
        SslContextBuilder b = SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile());
        if (clientCa != null) {
            b.trustManager(clientCa.toFile()).clientAuth(ClientAuth.REQUIRE);
        }
        SslContext ssl = b.build();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(1 << 16), new Responder());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    String url() {
        return "https://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            SslHandler tls = ctx.pipeline().get(SslHandler.class);
            String subject;
            try {
                subject = ((X509Certificate) tls.engine().getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName();
            } catch (SSLPeerUnverifiedException e) {
                subject = null;
            }
            String sni = tls.engine().getSession() instanceof javax.net.ssl.ExtendedSSLSession ext
                    && !ext.getRequestedServerNames().isEmpty()
                    ? new String(ext.getRequestedServerNames().get(0).getEncoded(), StandardCharsets.US_ASCII) : null;
            seen.add(new Seen(req.uri(), subject, sni));
            var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("tls upstream", StandardCharsets.UTF_8));
            res.headers().set("Content-Length", res.content().readableBytes());
            ctx.writeAndFlush(res);
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
