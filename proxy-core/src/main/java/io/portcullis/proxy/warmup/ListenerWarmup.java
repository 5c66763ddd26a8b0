package io.portcullis.proxy.warmup;

import io.netty.channel.EventLoopGroup;
import io.portcullis.config.ConfigException;
import io.portcullis.config.HostPort;
import io.portcullis.config.MatchConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteConfig;
import io.portcullis.config.TransportConfig;
import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.policy.PolicySet;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The listener half of the warm-up: a real data-plane listener on an ephemeral loopback port, on the
 * process's own event loops, in front of a throwaway loopback upstream, taking requests with the
 * warm-up's tokens over one keep-alive connection, so the HTTP codec, routing, the exchange and the
 * upstream pool are compiled too. Its configs have every route's upstream replaced by the throwaway one;
 * it counts into {@link Metrics#unexported()} and records into {@link DecisionLog#renderingOnly()} (its lines
 * are made and sealed, so the writer's code is compiled too, then dropped: no decision log sees them), with
 * {@link AccessState#NONE} (no rate limiter, no risk history). Cleartext HTTP/1.1 only.
 */
final class ListenerWarmup {

    private ListenerWarmup() {
    }

    /**
     * Sends {@code requests} requests, cycling through the routes and {@code authorizations}, every
     * other one decided by the route's real policy and the rest by
     * {@link WarmupConfigs#AUTHENTICATED_POLICY} (so that the forward path runs whatever the real
     * policies ask of a caller). Everything it opened is closed before it returns.
     */
    /** Requests answered (any status), and of those how many the upstream answered with a 2xx. */
    record Answers(int answered, int proxied) {
    }

    static Answers run(PortcullisConfig warm, PolicySet policies, Function<PortcullisConfig, RuntimeConfig> compile,
                   EventLoopGroup boss, EventLoopGroup workers, List<List<String>> authorizations, int requests)
            throws InterruptedException, IOException, ConfigException {
        try (EchoUpstream upstream = EchoUpstream.start()) {
            PortcullisConfig routed = WarmupConfigs.throughUpstream(warm, URI.create(upstream.url()));
            RuntimeConfig deciding = compile.apply(routed);
            RuntimeConfig allowing = RuntimeConfig.of(WarmupConfigs.authenticatedRoutes(routed),
                    WarmupConfigs.withAuthenticatedPolicy(policies, warm), deciding.identity());
            // An exchange reads the config once, as it starts: consecutive requests alternate.
            AtomicInteger exchanges = new AtomicInteger();
            DecisionLog lines = DecisionLog.renderingOnly();
            ProxyContext ctx = new ProxyContext(() -> (exchanges.getAndIncrement() & 1) == 0 ? deciding : allowing,
                    Metrics.unexported(), lines, "http", AccessState.NONE, Clock.systemUTC());
            TransportConfig cleartext = new TransportConfig(null, false, Duration.ZERO, null, null);
            ProxyServer server = ProxyServer.start(new HostPort("127.0.0.1", 0), boss, workers, ctx,
                    routed.limits(), routed.timeouts(), cleartext);
            int answered = 0;
            int proxied = 0;
            try (LoopbackHttpClient client = new LoopbackHttpClient(server.port())) {
                List<RouteConfig> routes = routed.routes();
                for (int i = 0; i < requests; i++) {
                    MatchConfig match = routes.get((i / 2) % routes.size()).match();
                    int status = client.get(host(match), path(match),
                            authorizations.get(i % authorizations.size()).get(0));
                    answered++;
                    proxied += status / 100 == 2 ? 1 : 0;
                }
            } finally {
                server.close();
                lines.close();
            }
            return new Answers(answered, proxied);
        }
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
