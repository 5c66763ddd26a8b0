package io.portcullis.proxy.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.portcullis.config.HostPort;
import io.portcullis.config.LimitsConfig;
import io.portcullis.config.TimeoutsConfig;
import io.portcullis.proxy.edge.EdgeCodec;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The data-plane listener. Each accepted connection gets the HTTP codec with hard limits and a
 * {@link ProxyHandler} bound to the upstream pool of its own event loop.
 */
public final class ProxyServer implements AutoCloseable {

    private final Channel channel;
    private final Map<EventLoop, UpstreamPool> pools;

    private ProxyServer(Channel channel, Map<EventLoop, UpstreamPool> pools) {
        this.channel = channel;
        this.pools = pools;
    }

    /** Binds the listener; the limits and timeouts are those of the config at start. */
    public static ProxyServer start(HostPort listen, EventLoopGroup boss, EventLoopGroup workers, ProxyContext context,
                                    LimitsConfig limits, TimeoutsConfig timeouts) throws InterruptedException {
        Map<EventLoop, UpstreamPool> pools = new HashMap<>();
        for (EventExecutor e : workers) {
            pools.put((EventLoop) e, new UpstreamPool((EventLoop) e, timeouts.upstreamConnect()));
        }
        EdgeCodec edge = new EdgeCodec(limits, false, new EdgeRejections(context));
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
                        UpstreamPool pool = pools.get(ch.eventLoop());
                        edge.install(ch.pipeline());
                        ch.pipeline().addLast("proxy", new ProxyHandler(context, pool));
                    }
                });
        Channel ch = b.bind(listen.host(), listen.port()).sync().channel();
        return new ProxyServer(ch, pools);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting; open connections finish on their own until the group shuts down. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        for (Map.Entry<EventLoop, UpstreamPool> e : pools.entrySet()) {
            e.getKey().execute(e.getValue()::closeAll);
        }
    }
}
