package io.portcullis.proxy.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.portcullis.config.HostPort;
import io.portcullis.proxy.server.Transports;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The admin listener: {@code /metrics} (Prometheus text), {@code /healthz} (process alive),
 * {@code /readyz} (config loaded and every issuer's keys fetched at least once), {@code /policies} and
 * {@code /loglevel} (a logger's level, changed by POST). It is a separate
 * port, never the data plane, so it can be bound to a private interface.
 */
public final class AdminServer implements AutoCloseable {

    /** What the admin endpoints report. */
    public interface Endpoints {
        String metrics();

        /** Null when ready, otherwise why not (e.g. "issuer corp: keys not loaded"). */
        String notReadyReason();

        /**
         * Issuers whose last key refresh failed and that run on their last good keys. Reported by
         * {@code /readyz} but not a reason to leave the load balancer: tokens still validate.
         */
        default java.util.List<String> staleIssuers() {
            return java.util.List.of();
        }

        /**
         * What works in a reduced way (e.g. the shared state store is down and replicas fall back to
         * their own state). Reported by {@code /readyz} with 200: every replica is affected alike, so
         * leaving the load balancer would only turn degraded service into none.
         */
        default java.util.List<String> degraded() {
            return java.util.List.of();
        }

        /** A JSON document describing what is loaded, for {@code GET /policies}. */
        String policies();
    }

    private final Channel channel;

    private AdminServer(Channel channel) {
        this.channel = channel;
    }

    public static AdminServer start(HostPort listen, EventLoopGroup group, Supplier<Endpoints> endpoints)
            throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(Transports.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(30),
                                new HttpServerCodec(4096, 8192, 8192),
                                new HttpObjectAggregator(8192),
                                new Handler(endpoints));
                    }
                });
        return new AdminServer(b.bind(listen.host(), listen.port()).sync().channel());
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Supplier<Endpoints> endpoints;

        Handler(Supplier<Endpoints> endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!req.decoderResult().isSuccess()) {
                send(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain", "bad request\n", true);
                return;
            }
            String path = req.uri();
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            if (path.equals("/loglevel")) {
                logLevel(ctx, req);
                return;
            }
            if (!HttpMethod.GET.equals(req.method()) && !HttpMethod.HEAD.equals(req.method())) {
                send(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "method not allowed\n", false);
                return;
            }
            Endpoints e = endpoints.get();
            switch (path) {
                case "/metrics" -> send(ctx, req, HttpResponseStatus.OK,
                        "text/plain; version=0.0.4; charset=utf-8", e.metrics(), false);
                case "/healthz" -> send(ctx, req, HttpResponseStatus.OK, "text/plain", "ok\n", false);
                case "/readyz" -> {
                    String why = e.notReadyReason();
                    java.util.List<String> degraded = e.degraded();
                    String degradedText = degraded.isEmpty() ? "" : "; degraded: " + String.join("; ", degraded);
                    if (why == null) {
                        java.util.List<String> stale = e.staleIssuers();
                        String body = (stale.isEmpty() ? "ready"
                                : "ready; stale keys (last refresh failed, last good keys in use): "
                                        + String.join(", ", stale)) + degradedText + "\n";
                        send(ctx, req, HttpResponseStatus.OK, "text/plain", body, false);
                    } else {
                        send(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain",
                                "not ready: " + why + degradedText + "\n", false);
                    }
                }
                case "/policies" -> send(ctx, req, HttpResponseStatus.OK, "application/json", e.policies(), false);
                default -> send(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain", "not found\n", false);
            }
        }

        /**
         * {@code GET /loglevel?logger=NAME} shows a logger's level; {@code POST /loglevel?logger=NAME&level=LEVEL}
         * changes it. A request with an Origin header comes from a web page (a browser on an operator's
         * machine can reach a loopback admin port) and is refused.
         */
        private static void logLevel(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (req.headers().contains(HttpHeaderNames.ORIGIN)) {
                send(ctx, req, HttpResponseStatus.FORBIDDEN, "text/plain", "refused: a request from a web page\n", false);
                return;
            }
            QueryStringDecoder query = new QueryStringDecoder(req.uri());
            try {
                if (HttpMethod.POST.equals(req.method())) {
                    send(ctx, req, HttpResponseStatus.OK, "text/plain",
                            LogLevels.set(first(query, "logger"), first(query, "level")), false);
                } else if (HttpMethod.GET.equals(req.method()) || HttpMethod.HEAD.equals(req.method())) {
                    send(ctx, req, HttpResponseStatus.OK, "text/plain", LogLevels.describe(first(query, "logger")), false);
                } else {
                    send(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "method not allowed\n", false);
                }
            } catch (LogLevels.Refused e) {
                send(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain", e.getMessage() + "\n", false);
            }
        }

        private static String first(QueryStringDecoder query, String name) {
            java.util.List<String> values = query.parameters().get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        private static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                                 String type, String body, boolean close) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ByteBuf buf = HttpMethod.HEAD.equals(req.method()) ? ctx.alloc().buffer(0)
                    : ctx.alloc().buffer(bytes.length).writeBytes(bytes);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                    .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            boolean keep = !close && HttpUtil.isKeepAlive(req);
            if (!keep) {
                res.headers().set(HttpHeaderNames.CONNECTION, "close");
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(res);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
