package io.portcullis.proxy.warmup;

import io.netty.channel.EventLoopGroup;
import io.portcullis.config.HostPort;
import io.portcullis.config.MatchConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteConfig;
import io.portcullis.config.TransportConfig;
import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.observe.DecisionLog;
import io.portcullis.proxy.observe.Metrics;
import io.portcullis.proxy.server.ProxyContext;
import io.portcullis.proxy.server.ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The listener half of the warm-up: a real data-plane listener on an ephemeral loopback port, on the
 * process's own event loops, in front of a throwaway loopback upstream, taking requests with the
 * warm-up's tokens over one keep-alive connection, so the HTTP codec, routing, the exchange and the
 * upstream pool are compiled too. Its config has every route's upstream replaced by the throwaway one;
 * it counts into {@link Metrics#unexported()} and records into {@link DecisionLog#discarding()}, with
 * {@link AccessState#NONE} (no rate limiter, no risk history). Cleartext HTTP/1.1 only.
 */
final class ListenerWarmup {

    private ListenerWarmup() {
    }

    /**
     * Sends {@code requests} requests, cycling through the routes and {@code authorizations}; returns
     * how many were answered (any status). Everything it opened is closed before it returns.
     */
    static int run(RuntimeConfig warm, Function<PortcullisConfig, RuntimeConfig> compile, EventLoopGroup boss,
                   EventLoopGroup workers, List<List<String>> authorizations, int requests)
            throws InterruptedException, IOException {
        try (EchoUpstream upstream = EchoUpstream.start()) {
            RuntimeConfig rc = compile.apply(throughUpstream(warm.config(), URI.create(upstream.url())));
            ProxyContext ctx = new ProxyContext(() -> rc, Metrics.unexported(), DecisionLog.discarding(), "http",
                    AccessState.NONE, Clock.systemUTC());
            TransportConfig cleartext = new TransportConfig(null, false, Duration.ZERO, null, null);
            ProxyServer server = ProxyServer.start(new HostPort("127.0.0.1", 0), boss, workers, ctx,
                    rc.config().limits(), rc.config().timeouts(), cleartext);
            int answered = 0;
            try (LoopbackHttpClient client = new LoopbackHttpClient(server.port())) {
                List<RouteConfig> routes = rc.config().routes();
                for (int i = 0; i < requests; i++) {
                    MatchConfig match = routes.get(i % routes.size()).match();
                    client.get(host(match), path(match), authorizations.get(i % authorizations.size()).get(0));
                    answered++;
                }
            } finally {
                server.close();
            }
            return answered;
        }
    }

    private static PortcullisConfig throughUpstream(PortcullisConfig c, URI upstream) {
        List<RouteConfig> routes = c.routes().stream()
                .map(r -> new RouteConfig(r.id(), r.match(), upstream, r.access(), r.forwarding(), r.limits(),
                        r.transport(), r.position()))
                .toList();
        return new PortcullisConfig(c.source(), c.sha256(), c.sources(), c.listen(), c.admin(), c.transport(),
                c.trustedProxies(), c.identity(), routes, c.policies(), c.conditions(), c.limits(), c.timeouts(),
                c.sso(), c.assertion(), c.risk(), c.securityEvents(), c.state(), c.decisionApi(), c.tracing(),
                c.authzenPdps());
    }

    /** A host the route matches: its own, a wildcard's label filled in, or any. */
    static String host(MatchConfig match) {
        return match.host() == null ? "warmup.portcullis.invalid" : match.host().replace("*", "warmup");
    }

    /** A path the route matches (a regex route gets "/", which it may not match: then the 404 path warms). */
    static String path(MatchConfig match) {
        if (match.path() != null) {
            return match.path();
        }
        return match.pathPrefix() != null ? match.pathPrefix() : "/";
    }
}
