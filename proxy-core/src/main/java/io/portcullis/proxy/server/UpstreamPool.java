package io.portcullis.proxy.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.portcullis.proxy.routing.UpstreamTarget;
import io.portcullis.proxy.server.tls.UpstreamTlsContexts;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Keep-alive connections to upstreams, owned by ONE event loop and used only from it: the inbound
 * connection and its upstream connection share a thread, so there is no locking and no hand-off.
 * Idle connections are closed after a while; a connection that closed while idle is skipped.
 */
final class UpstreamPool {

    static final int MAX_IDLE_PER_TARGET = 128;
    private static final long IDLE_CLOSE_SECONDS = 50;

    private final EventLoop loop;
    private final Map<String, ArrayDeque<Channel>> idle = new HashMap<>();
    private final Duration connectTimeout;
    private final UpstreamTlsContexts tlsContexts;

    /** @param tlsContexts the listener's upstream TLS contexts, prepared when the config is loaded */
    UpstreamPool(EventLoop loop, Duration connectTimeout, UpstreamTlsContexts tlsContexts) {
        this.loop = loop;
        this.connectTimeout = connectTimeout;
        this.tlsContexts = tlsContexts;
    }

    /** A pooled idle connection to the target, or null. Must be called on the pool's loop. */
    Channel pollIdle(UpstreamTarget target) {
        ArrayDeque<Channel> q = idleTo(target);
        Channel ch;
        while ((ch = q.pollLast()) != null) {
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /**
     * The target's idle connections, an empty queue the first time it is asked for. Not null for a
     * target never seen: the start's warm-up only ever forwards to its own throwaway upstream, so a
     * branch taken only for a new target was one the JIT had never seen taken, and the first request to
     * each real upstream after ready made it throw the compiled forwarding path away.
     */
    private ArrayDeque<Channel> idleTo(UpstreamTarget target) {
        return idle.computeIfAbsent(target.poolKey(), k -> new ArrayDeque<>());
    }

    /** Opens a new connection on this pool's loop. */
    ChannelFuture connect(UpstreamTarget target) {
        SslContext tlsClient;
        SSLException tlsProblem = null;
        try {
            tlsClient = target.tls() ? tlsContexts.forConfig(target.tlsConfig()) : null;
        } catch (SSLException e) {
            tlsClient = null;
            tlsProblem = e;
        }
        SslContext tlsContext = tlsClient;
        SSLException unusableTls = tlsProblem;
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(Transports.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) throws SSLException {
                        if (unusableTls != null) {
                            // the connect fails (502) rather than ever talking to the upstream without TLS
                            throw unusableTls;
                        }
                        if (tlsContext != null) {
                            // SNI and the name checked are the route's server_name, else the URL's host
                            SSLEngine engine = tlsContext.newEngine(ch.alloc(), target.serverName(), target.port());
                            SSLParameters params = engine.getSSLParameters();
                            if (target.tlsConfig() == null || !target.tlsConfig().insecureSkipVerify()) {
                                params.setEndpointIdentificationAlgorithm("HTTPS");
                            }
                            engine.setSSLParameters(params);
                            ch.pipeline().addLast(new SslHandler(engine));
                        }
                        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, IDLE_CLOSE_SECONDS, TimeUnit.SECONDS));
                        ch.pipeline().addLast("idle-close", new IdleCloser());
                        ch.pipeline().addLast("codec", new HttpClientCodec(8192, 64 * 1024, 64 * 1024));
                        ch.pipeline().addLast("upstream", new UpstreamHandler());
                    }
                });
        return b.connect(target.host(), target.port());
    }

    /** Returns a healthy connection for reuse; called on the pool's loop. */
    void release(UpstreamTarget target, Channel ch) {
        if (!ch.isActive()) {
            return;
        }
        ch.pipeline().get(UpstreamHandler.class).detach();
        ch.config().setAutoRead(true);
        ArrayDeque<Channel> q = idleTo(target);
        if (q.size() >= MAX_IDLE_PER_TARGET) {
            ch.close();
            return;
        }
        q.addLast(ch);
    }

    /** Closes every idle connection. */
    void closeAll() {
        for (ArrayDeque<Channel> q : idle.values()) {
            for (Channel ch : q) {
                ch.close();
            }
            q.clear();
        }
    }

    /** Closes upstream connections nobody used for a while. */
    private static final class IdleCloser extends ChannelDuplexHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                // Only pooled (unowned) connections are closed here; an exchange in progress has
                // its own response timeout.
                if (!ctx.pipeline().get(UpstreamHandler.class).attached()) {
                    ctx.close();
                }
            } else {
                super.userEventTriggered(ctx, evt);
            }
        }
    }
}
