package io.portcullis.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.portcullis.proxy.edge.EdgeCodec;
import io.portcullis.proxy.observe.Metrics;
import io.portcullis.proxy.server.ws.ByteRelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * After a 101 to a WebSocket handshake: takes the HTTP handlers out of both connections and relays
 * raw bytes between them. The upstream connection leaves the pool for good. When asked, both close
 * when the token that authorized the handshake expires.
 */
final class WebSocketSwitch {

    private WebSocketSwitch() {
    }

    /**
     * Switches {@code client} and {@code upstream} (same event loop) to byte relay.
     *
     * @param closeAt when to close both (token expiry), or null
     * @param clock   the proxy's clock, which {@code closeAt} is measured against
     */
    static void relay(Channel client, Channel upstream, Metrics metrics, Instant closeAt, Clock clock) {
        ChannelPipeline c = client.pipeline();
        c.addLast("ws-relay", new ByteRelay(upstream));
        for (String name : new String[] {ConnectionPipelines.PROXY, EdgeCodec.GATE, EdgeCodec.DECODER, EdgeCodec.ENCODER,
            ConnectionPipelines.HEAD_ACTIVITY}) {
            removeIfPresent(c, name);
        }
        ChannelPipeline u = upstream.pipeline();
        u.addLast("ws-relay", new ByteRelay(client));
        for (String name : new String[] {"upstream", "idle-close", "idle", "codec"}) {
            removeIfPresent(u, name);
        }
        // The HTTP stage lets a cleartext client half-close and still be answered; a relay has no answer
        // pending, so the client's FIN closes its channel and ByteRelay closes the upstream with it
        // (else both would stay open until the upstream closed or a shutdown's grace ran out).
        client.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
        client.config().setAutoRead(true);
        upstream.config().setAutoRead(true);
        if (closeAt != null) {
            long millis = Math.max(0, Duration.between(clock.instant(), closeAt).toMillis());
            client.eventLoop().schedule(() -> {
                metrics.timeout("websocket_token_expiry");
                client.close();
                upstream.close();
            }, millis, TimeUnit.MILLISECONDS);
        }
    }

    private static void removeIfPresent(ChannelPipeline p, String name) {
        if (p.get(name) != null) {
            p.remove(name);
        }
    }
}
