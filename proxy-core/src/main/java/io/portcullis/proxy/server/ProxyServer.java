package io.portcullis.proxy.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.portcullis.config.HostPort;
import io.portcullis.config.LimitsConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.TimeoutsConfig;
import io.portcullis.config.TransportConfig;
import io.portcullis.proxy.server.tls.ReloadingServerTls;
import io.portcullis.proxy.server.tls.UpstreamTlsContexts;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The data-plane listener. Each accepted connection gets its pipeline from
 * {@link ConnectionPipelines} (TLS, HTTP/1.1 or HTTP/2) and a {@link ProxyHandler} bound to the
 * upstream pool of its own event loop. {@link #close()} drains: it stops accepting, lets exchanges in
 * flight finish for up to the shutdown grace, then closes what is left.
 */
public final class ProxyServer implements AutoCloseable {

    /** How often the TLS certificate files are checked for changes. */
    static final long TLS_RELOAD_SECONDS = 5;

    private final Channel channel;
    private final Map<EventLoop, UpstreamPool> pools;
    private final ChannelGroup connections;
    private final Duration shutdownGrace;
    private final ScheduledExecutorService tlsReload;
    private final ProxyContext context;
    private final UpstreamTlsContexts upstreamTls;

    private ProxyServer(Channel channel, Map<EventLoop, UpstreamPool> pools, ChannelGroup connections,
                        Duration shutdownGrace, ScheduledExecutorService tlsReload, ProxyContext context,
                        UpstreamTlsContexts upstreamTls) {
        this.channel = channel;
        this.pools = pools;
        this.connections = connections;
        this.shutdownGrace = shutdownGrace;
        this.tlsReload = tlsReload;
        this.context = context;
        this.upstreamTls = upstreamTls;
    }

    /** Binds a cleartext HTTP/1.1 listener; the limits and timeouts are those of the config at start. */
    public static ProxyServer start(HostPort listen, EventLoopGroup boss, EventLoopGroup workers, ProxyContext context,
                                    LimitsConfig limits, TimeoutsConfig timeouts) throws InterruptedException {
        return start(listen, boss, workers, context, limits, timeouts, TransportConfig.defaults());
    }

    /**
     * Binds the listener with the given transport (TLS, h2c, shutdown grace).
     *
     * @throws IllegalStateException when the TLS files cannot be used
     */
    public static ProxyServer start(HostPort listen, EventLoopGroup boss, EventLoopGroup workers, ProxyContext context,
                                    LimitsConfig limits, TimeoutsConfig timeouts, TransportConfig transport)
            throws InterruptedException {
        ReloadingServerTls tls = transport.tls() == null ? null
                : ReloadingServerTls.load(transport.tls(), timeouts.headerRead().toMillis());
        UpstreamTlsContexts upstreamTls = new UpstreamTlsContexts();
        upstreamTls.prepare(context.runtime().get().config());
        Map<EventLoop, UpstreamPool> pools = new HashMap<>();
        for (EventExecutor e : workers) {
            pools.put((EventLoop) e, new UpstreamPool((EventLoop) e, timeouts.upstreamConnect(), upstreamTls));
        }
        ChannelGroup connections = new DefaultChannelGroup("portcullis-connections", GlobalEventExecutor.INSTANCE);
        ConnectionPipelines pipelines = new ConnectionPipelines(context, limits, timeouts, transport, tls);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        pipelines.init(ch, pools.get(ch.eventLoop()));
                    }
                });
        Channel ch = b.bind(listen.host(), listen.port()).sync().channel();
        // Off the event loops (it was the accept loop): reading the files and building a context takes
        // milliseconds that no connection should wait for.
        ScheduledExecutorService reload = tls == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portcullis-tls-reload");
            t.setDaemon(true);
            return t;
        });
        if (reload != null) {
            reload.scheduleWithFixedDelay(tls::reloadIfChanged, TLS_RELOAD_SECONDS, TLS_RELOAD_SECONDS,
                    TimeUnit.SECONDS);
        }
        return new ProxyServer(ch, pools, connections, transport.shutdownGrace(), reload, context, upstreamTls);
    }

    /**
     * Builds the upstream TLS contexts of a config about to be put in use (a reload), on the caller's
     * thread, so no event loop builds one on a request's first connect.
     */
    public void prepareUpstreamTls(PortcullisConfig next) {
        upstreamTls.prepare(next);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Stops accepting, asks every connection to finish its exchange in progress and close, waits up to
     * the shutdown grace for them, then closes whatever is still open.
     */
    @Override
    public void close() {
        if (tlsReload != null) {
            tlsReload.shutdownNow();
        }
        channel.close().syncUninterruptibly();
        for (Channel c : connections) {
            c.pipeline().fireUserEventTriggered(ShutdownDrain.EVENT);
        }
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        try {
            while (!connections.isEmpty() && System.nanoTime() < deadline) {
                connections.newCloseFuture().await(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                        TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!connections.isEmpty()) {
            context.metrics().timeout("shutdown");
            connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        for (Map.Entry<EventLoop, UpstreamPool> e : pools.entrySet()) {
            e.getKey().execute(e.getValue()::closeAll);
        }
    }
}
