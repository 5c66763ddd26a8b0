package io.portcullis.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.portcullis.config.LimitsConfig;
import io.portcullis.config.TimeoutsConfig;
import io.portcullis.config.TransportConfig;
import io.portcullis.proxy.edge.EdgeCodec;
import io.portcullis.proxy.edge.RequestGuard;
import io.portcullis.proxy.server.h2.Http2HeaderRules;
import io.portcullis.proxy.server.h2.Http2RequestGate;
import io.portcullis.proxy.server.h2.PriorKnowledgeDetector;
import io.portcullis.proxy.server.tls.AlpnSwitch;
import io.portcullis.proxy.server.tls.ReloadingServerTls;
import java.util.concurrent.TimeUnit;

/**
 * Builds each accepted connection's pipeline. Whatever the transport, a request takes ONE path: an
 * {@code HttpRequest} with canonical URI and its contents into a {@link ClientConnection}, which runs
 * one {@link Exchange} at a time; the edge's refusals reach it as {@code EdgeRefusal} events.
 * <ul>
 *   <li>cleartext: the strict HTTP/1.1 edge; with h2c allowed, a prior-knowledge preface picks HTTP/2;</li>
 *   <li>TLS: handshake, then ALPN picks HTTP/2 or HTTP/1.1;</li>
 *   <li>HTTP/2: one stream = one child channel = one exchange, after the same guard and path rules.</li>
 * </ul>
 */
final class ConnectionPipelines {

    /** Pipeline name of the {@link ClientConnection}. */
    static final String PROXY = "proxy";

    /** Pipeline name of the {@link HeadActivity} of an HTTP/1.1 connection. */
    static final String HEAD_ACTIVITY = "head-activity";

    /** Concurrent streams one HTTP/2 connection may open. */
    static final int MAX_CONCURRENT_STREAMS = 100;

    private final ProxyContext cleartext;
    private final ProxyContext secure;
    private final ConnectionCounter counter;
    private final EdgeCodec edge;
    private final RequestGuard guard;
    private final LimitsConfig limits;
    private final TimeoutsConfig timeouts;
    private final TransportConfig transport;
    private final ReloadingServerTls tls;

    ConnectionPipelines(ProxyContext context, LimitsConfig limits, TimeoutsConfig timeouts, TransportConfig transport,
                        ReloadingServerTls tls) {
        this.cleartext = context;
        this.secure = context.withScheme("https");
        this.edge = new EdgeCodec(limits, false);
        this.guard = new RequestGuard(limits);
        this.limits = limits;
        this.timeouts = timeouts;
        this.transport = transport;
        this.tls = tls;
        this.counter = new ConnectionCounter(context.metrics());
    }

    /** Sets up a newly accepted connection. */
    void init(Channel ch, UpstreamPool pool) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("connection-count", counter);
        if (tls != null) {
            p.addLast("tls", tls.newHandler(ch.alloc()));
            p.addLast("alpn", new AlpnSwitch(installer(secure, pool)));
        } else if (transport.h2c()) {
            p.addLast("h2c-detect", new PriorKnowledgeDetector(installer(cleartext, pool),
                    timeouts.headerRead().toMillis(), () -> cleartext.metrics().timeout("header_read")));
        } else {
            http1(p, cleartext, pool);
        }
    }

    private ProtocolInstaller installer(ProxyContext context, UpstreamPool pool) {
        return new ProtocolInstaller() {
            @Override
            public void http1(ChannelHandlerContext ctx) {
                ConnectionPipelines.this.http1(ctx.pipeline(), context, pool);
                // the connection became active before these handlers existed; tell them now
                ctx.fireChannelActive();
            }

            @Override
            public void http2(ChannelHandlerContext ctx) {
                ConnectionPipelines.this.http2(ctx.pipeline(), context, pool);
            }
        };
    }

    private void http1(ChannelPipeline p, ProxyContext context, UpstreamPool pool) {
        if (p.get(SslHandler.class) == null) {
            // A cleartext client may half-close after its request (nc -N, raw sockets) and still wait for
            // the answer; ClientConnection answers what it read, then closes. Under TLS, close_notify ends it.
            p.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        }
        p.addLast(HEAD_ACTIVITY, new HeadActivity());
        edge.install(p);
        p.addLast(PROXY, ClientConnection.proxying(context, pool));
    }

    private void http2(ChannelPipeline p, ProxyContext context, UpstreamPool pool) {
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(limits.maxHeaderBytes()))
                .validateHeaders(true)
                .gracefulShutdownTimeoutMillis(transport.shutdownGrace().toMillis())
                .build();
        p.addLast("h2-idle", new IdleStateHandler(0, 0, timeouts.idle().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast("h2", codec);
        p.addLast("h2-connection", new Http2ConnectionEvents(context));
        p.addLast("h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                ChannelPipeline sp = stream.pipeline();
                sp.addLast("h2-rules", new Http2HeaderRules(reason -> context.metrics().request("-", "reject", reason)));
                sp.addLast("h2-http", new Http2StreamFrameToHttpObjectCodec(true, true));
                sp.addLast("h2-gate", new Http2RequestGate(guard, false));
                sp.addLast(PROXY, ClientConnection.proxying(context, pool));
            }
        }));
    }

    /**
     * Connection-level events of an HTTP/2 connection: idle for {@code timeouts.idle} or asked to
     * drain for shutdown → close, which the frame codec turns into GOAWAY and a wait for open streams.
     */
    private static final class Http2ConnectionEvents extends ChannelInboundHandlerAdapter {

        private final ProxyContext context;

        Http2ConnectionEvents(ProxyContext context) {
            this.context = context;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                context.metrics().timeout("idle");
                ctx.close();
            } else if (evt == ShutdownDrain.EVENT) {
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }
    }
}
