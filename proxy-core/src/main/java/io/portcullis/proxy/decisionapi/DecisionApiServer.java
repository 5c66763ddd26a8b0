package io.portcullis.proxy.decisionapi;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
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
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.portcullis.config.DecisionApiConfig;
import io.portcullis.identity.Identity;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.observe.DecisionRecord;
import io.portcullis.proxy.server.ProxyContext;
import io.portcullis.proxy.server.RequestIds;
import io.portcullis.proxy.server.Transports;
import io.portcullis.proxy.server.tls.ClientCertificates;
import io.portcullis.proxy.server.tls.ReloadingServerTls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision API listener ({@code decision_api.listen}): forward-auth calls from nginx, Traefik, Caddy
 * and Envoy. A port of its own, like the admin listener, so it can be bound to a private interface and
 * no client of the data port can reach it. Every call gets one decision line (with {@code via}) and
 * is counted; a caller that is not trusted gets 403 and nothing it sent is read.
 */
public final class DecisionApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionApiServer.class);
    /** Forward-auth calls carry no body worth reading; an Envoy call with its body is bounded by this. */
    private static final int MAX_BODY = 64 * 1024;

    /** How often the TLS files are checked for a renewal, as the data listener's are. */
    private static final long TLS_RELOAD_SECONDS = 30;

    private final Channel channel;
    private final ScheduledExecutorService tlsReload;

    private DecisionApiServer(Channel channel, ScheduledExecutorService tlsReload) {
        this.channel = channel;
        this.tlsReload = tlsReload;
    }

    /**
     * Binds {@code api.listen()}, with {@code api.tls()} when set (HTTP/1.1 only, so ALPN offers no h2);
     * the config (and its decision API settings) is read per call. The TLS settings are those at start.
     *
     * @throws io.portcullis.proxy.server.tls.UnusableTlsException when the TLS files cannot be used
     */
    public static DecisionApiServer start(DecisionApiConfig api, EventLoopGroup boss, EventLoopGroup workers,
                                          ProxyContext shared) throws InterruptedException {
        ReloadingServerTls tls = api.tls() == null ? null : ReloadingServerTls.load(api.tls(),
                shared.runtime().get().config().timeouts().headerRead().toMillis(), false);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transports.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()), new TlsHandshakeCapture());
                        }
                        ch.pipeline().addLast(new ReadTimeoutHandler(60),
                                new HttpServerCodec(8192, 65536, 8192),
                                new HttpObjectAggregator(MAX_BODY),
                                new Handler(shared, tls != null));
                    }
                });
        Channel channel = b.bind(api.listen().host(), api.listen().port()).sync().channel();
        ScheduledExecutorService reload = null;
        if (tls != null) {
            // Off the event loops: reading the files and building a context takes milliseconds.
            reload = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "portcullis-decision-api-tls-reload");
                t.setDaemon(true);
                return t;
            });
            reload.scheduleWithFixedDelay(tls::reloadIfChanged, TLS_RELOAD_SECONDS, TLS_RELOAD_SECONDS,
                    TimeUnit.SECONDS);
        }
        return new DecisionApiServer(channel, reload);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (tlsReload != null) {
            tlsReload.shutdownNow();
        }
        channel.close().syncUninterruptibly();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ProxyContext shared;
        private final boolean tls;
        private final ForwardAuth forwardAuth = new ForwardAuth(Clock.systemUTC());

        Handler(ProxyContext shared, boolean tls) {
            this.shared = shared;
            this.tls = tls;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            long start = System.nanoTime();
            RuntimeConfig rc = shared.runtime().get();
            DecisionApiConfig api = rc.config().decisionApi();
            HttpHeaders h = req.headers();
            String requestId = RequestIds.generate();
            InetAddress peer = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            if (api != null && req.decoderResult().isSuccess() && AuthZenEndpoint.handles(req.uri())) {
                AuthZenEndpoint.answer(ctx, req, rc, api, peer, shared, start, tls);
                return;
            }
            Flavour flavour = api == null ? null : Flavour.of(req.uri());
            if (!req.decoderResult().isSuccess() || flavour == null) {
                boolean malformed = !req.decoderResult().isSuccess();
                send(ctx, req, malformed ? 400 : 404, List.of(), requestId, malformed);
                return;
            }
            ForwardAuthAnswer answer;
            if (!CallerTrust.trusted(peer, rc.config().trustedProxies(), api.secret(), h.getAll(api.secretHeader()),
                    ClientCertificates.of(ctx.channel()) != null)) {
                // Nothing the caller forwarded is read: not the method, not the URI, not the host.
                answer = ForwardAuthAnswer.refused(403, "caller-untrusted", "-", null, null, peer.getHostAddress());
                finish(ctx, req, rc, flavour, answer, requestId, start);
                return;
            }
            ForwardedRequest original = flavour.original(req.method().name(), req.uri(), h::getAll, api.nginx());
            if (original == null) {
                answer = ForwardAuthAnswer.refused(400, "forwarded-request-missing", "-", null, null,
                        peer.getHostAddress());
                finish(ctx, req, rc, flavour, answer, requestId, start);
                return;
            }
            CompletableFuture<ForwardAuthAnswer> f;
            try {
                f = forwardAuth.decide(rc, shared.access(), api, flavour,
                        original, h::getAll, peer, requestId);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            req.retain();
            f.whenComplete((a, e) -> ctx.executor().execute(() -> {
                try {
                    ForwardAuthAnswer done = a;
                    if (e != null || a == null) {
                        // Fail closed: an error while deciding is a deny, never an allow.
                        shared.metrics().internalError();
                        LOG.error("internal error while deciding forward-auth call {}: {}", requestId,
                                e == null ? "no answer" : e.toString());
                        done = ForwardAuthAnswer.refused(403, "internal-error", "-", original.method(), null,
                                peer.getHostAddress());
                    }
                    finish(ctx, req, rc, flavour, done, requestId, start);
                } finally {
                    req.release();
                }
            }));
        }

        private void finish(ChannelHandlerContext ctx, FullHttpRequest req, RuntimeConfig rc, Flavour flavour,
                            ForwardAuthAnswer a, String requestId, long start) {
            long nanos = System.nanoTime() - start;
            // Counted and logged before the answer leaves: whoever has the answer finds both.
            shared.metrics().decisionLatency(nanos);
            shared.metrics().decisionApi(flavour.via(), a.route(), a.decision(),
                    a.reasons().isEmpty() ? "none" : a.reasons().get(0));
            Identity id = a.verdict() == null ? null : a.verdict().identity();
            String policy = a.verdict() != null && a.verdict().decision() != null ? a.verdict().decision().policy() : null;
            String rule = a.verdict() != null && a.verdict().decision() != null ? a.verdict().decision().rule() : null;
            String deviceId = a.verdict() != null && a.verdict().posture() != null
                    ? a.verdict().posture().deviceId() : null;
            shared.decisions().record(DecisionRecord.builder().time(Instant.now()).requestId(requestId)
                    .route(a.route()).method(a.method()).path(a.path()).sourceIp(a.sourceIp()).via(flavour.via())
                    .issuer(id == null ? null : id.issuerId()).subject(id == null ? null : id.subject())
                    .tokenRef(id == null ? null : id.tokenRef()).deviceId(deviceId)
                    .decision(a.decision()).reasons(a.reasons()).policy(policy).rule(rule).status(a.status())
                    .decisionMicros(nanos / 1000).latencyMicros(nanos / 1000).configSha256(rc.config().sha256())
                    .build());
            send(ctx, req, a.status(), a.headers(), requestId, false);
        }

        private static void send(ChannelHandlerContext ctx, FullHttpRequest req, int status,
                                 List<Map.Entry<String, String>> headers, String requestId, boolean close) {
            HttpResponseStatus st = HttpResponseStatus.valueOf(status);
            DecisionApiServer.send(ctx, req, st, "text/plain; charset=utf-8", status < 300 ? "" : st.reasonPhrase() + "\n",
                    headers, requestId, close);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Writes one answer; {@code headers} first, then the fixed ones. */
    static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus st, String type, String text,
                     List<Map.Entry<String, String>> headers, String requestId, boolean close) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, st, Unpooled.wrappedBuffer(body));
        for (Map.Entry<String, String> e : headers) {
            res.headers().add(e.getKey(), e.getValue());
        }
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Request-Id", requestId);
        if (close || !HttpUtil.isKeepAlive(req)) {
            res.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(res);
        }
    }
}
