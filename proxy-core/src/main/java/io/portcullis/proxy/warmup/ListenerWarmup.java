package io.portcullis.proxy.warmup;

import io.netty.channel.EventLoopGroup;
import io.portcullis.config.ConfigException;
import io.portcullis.config.HostPort;
import io.portcullis.config.MatchConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteConfig;
import io.portcullis.config.TransportConfig;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The listener half of the warm-up: a real data-plane listener on an ephemeral loopback port, on the
 * process's own event loops, in front of a throwaway loopback upstream, taking requests with the
 * warm-up's tokens over keep-alive connections the client leaves and reopens every
 * {@value #REQUESTS_PER_CONNECTION} requests (in each of the ways real clients leave: see
 * {@link LoopbackHttpClient.Leaving}), so the HTTP codec, routing, the exchange and the
 * upstream pool are compiled too. Its configs have every route's upstream replaced by the throwaway one;
 * it counts into {@link Metrics#unexported()} and records into {@link DecisionLog#renderingOnly()} (its lines
 * are made and sealed, so the writer's code is compiled too, then dropped: no decision log sees them), with
 * {@link AccessState#NONE} (no rate limiter, no risk history). Cleartext HTTP/1.1 only.
 */
final class ListenerWarmup {

    /** Requests on one client connection before the client leaves and comes back on a new one. */
    private static final int REQUESTS_PER_CONNECTION = 50;
    /** Fewest requests per settling round: enough for HotSpot to look at a hot method's counters again. */
    private static final int MIN_ROUND = 1_000;
    /** Between rounds, how long a step without a finished compilation must be to call the compilers idle. */
    private static final Duration IDLE_STEP = Duration.ofMillis(200);
    /** The longest wait for idle compilers after one round. */
    private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(5);
    /** A round is quiet when the compilers spent less than this share of its wall time compiling. */
    private static final double QUIET_SHARE = 0.1;
    /** Settling sends at most this many times {@code iterations} more requests (and lasts at most {@code settle}). */
    private static final int MAX_SETTLING_FACTOR = 10;

    private ListenerWarmup() {
    }

    /**
     * Requests answered (any status), of those how many the upstream answered with a 2xx, and whether the
     * JIT compilers went quiet before the warm-up's bound.
     */
    record Answers(int answered, int proxied, boolean settled) {
    }

    /**
     * Sends {@code requests} requests, cycling through the routes and {@code authorizations}, every
     * other one decided by the route's real policy and the rest by
     * {@link WarmupConfigs#AUTHENTICATED_POLICY} (so that the forward path runs whatever the real
     * policies ask of a caller); then more, in rounds, until a round leaves the JIT compilers quiet
     * (at most {@code settleFor}, and a bound in requests). Everything it opened is closed before it returns.
     */
    static Answers run(PortcullisConfig warm, PolicySet policies, Function<PortcullisConfig, RuntimeConfig> compile,
                   EventLoopGroup boss, EventLoopGroup workers, List<List<String>> authorizations, int requests,
                   Duration settleFor)
            throws InterruptedException, IOException, ConfigException {
        try (LoopbackUpstream upstream = LoopbackUpstream.start()) {
            PortcullisConfig routed = WarmupConfigs.throughUpstream(warm, URI.create(upstream.url()));
            RuntimeConfig deciding = compile.apply(routed);
            RuntimeConfig allowing = RuntimeConfig.of(WarmupConfigs.authenticatedRoutes(routed),
                    WarmupConfigs.withAuthenticatedPolicy(policies, warm), deciding.identity());
            // An exchange reads the config as it starts; the client sends one request at a time and sets
            // the config of the next before it, so consecutive requests alternate.
            AtomicReference<RuntimeConfig> current = new AtomicReference<>(deciding);
            DecisionLog lines = DecisionLog.renderingOnly();
            ProxyContext ctx = new ProxyContext(ProxyContext.reading(current), Metrics.unexported(), lines, "http",
                    AccessState.NONE, Clock.systemUTC());
            TransportConfig cleartext = new TransportConfig(null, false, Duration.ZERO, null, null);
            ProxyServer server = ProxyServer.start(new HostPort("127.0.0.1", 0), boss, workers, ctx,
                    routed.limits(), routed.timeouts(), cleartext);
            Requests sending = new Requests(routed.routes(), authorizations, current, List.of(deciding, allowing),
                    server.port());
            boolean settled;
            try (LoopbackHttpClient client = new LoopbackHttpClient(server.port(), REQUESTS_PER_CONNECTION)) {
                while (sending.answered < requests) {
                    sending.send(client);
                }
                settled = !settleFor.isZero() && settle(client, sending, requests, settleFor);
            } finally {
                server.close();
                lines.close();
            }
            return new Answers(sending.answered, sending.proxied, settled);
        }
    }

    /**
     * Goes on until every method the requests run could reach C2 ({@link #leastRequests}), then in rounds
     * until a round makes the compilers no busier than {@link #QUIET_SHARE} of its time,
     * leaving them the core between rounds: the methods the requests so far made hot but left below C2's
     * thresholds (which HotSpot raises while its compile queue is long) are compiled now rather than under
     * the first real load. True when that happened within the bounds.
     */
    private static boolean settle(LoopbackHttpClient client, Requests sending, int requests, Duration settleFor)
            throws IOException, InterruptedException {
        int round = Math.max(MIN_ROUND, requests / 2);
        long deadline = System.nanoTime() + settleFor.toNanos();
        long most = requests + MAX_SETTLING_FACTOR * (long) requests;
        // Quiet compilers alone do not mean the path reached C2: a method called once per request (or per
        // other request) waits, compiled by C1 and unqueued, until its calls reach C2's count.
        long least = leastRequests(CompilerActivity.callsToReachC2(), most);
        while (sending.answered < least && System.nanoTime() - deadline < 0) {
            sending.send(client);
        }
        CompilerActivity compilers = CompilerActivity.start();
        while (sending.answered < most) {
            for (int i = 0; i < round && System.nanoTime() - deadline < 0; i++) {
                sending.send(client);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false; // out of time, whatever this round did
            }
            compilers.awaitIdle(IDLE_STEP, Duration.ofNanos(Math.min(left, MAX_IDLE_WAIT.toNanos())));
            if (compilers.quietSince(QUIET_SHARE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The requests settling sends before it asks whether the compilers are quiet: enough for a method run
     * on every other request (one of the two configs, one of two routes) to reach C2's count of calls, within
     * the bound of {@code most}.
     */
    static long leastRequests(long callsToReachC2, long most) {
        return Math.min(most, 2 * callsToReachC2);
    }

    /** The requests as they go: which route, token and config comes next, and the counts. */
    private static final class Requests {
        private final List<RouteConfig> routes;
        private final List<List<String>> authorizations;
        private final AtomicReference<RuntimeConfig> current;
        private final List<RuntimeConfig> configs;
        private final int port;
        int answered;
        int proxied;

        Requests(List<RouteConfig> routes, List<List<String>> authorizations, AtomicReference<RuntimeConfig> current,
                 List<RuntimeConfig> configs, int port) {
            this.routes = routes;
            this.authorizations = authorizations;
            this.current = current;
            this.configs = configs;
            this.port = port;
        }

        void send(LoopbackHttpClient client) throws IOException {
            int i = answered;
            current.set(configs.get(i % configs.size()));
            MatchConfig match = routes.get((i / 2) % routes.size()).match();
            // A new Host form once every route has had its turn, so that each route gets each form.
            String host = host(match, (i / (2 * routes.size())) % HOST_FORMS, port);
            int status = client.get(host, path(match), authorizations.get(i % authorizations.size()).get(0));
            answered++;
            proxied += status / 100 == 2 ? 1 : 0;
        }
    }

    /** How many forms of the Host header {@link #host(MatchConfig, int, int)} gives. */
    static final int HOST_FORMS = 3;

    /**
     * A Host the route matches: its own name, a wildcard's label filled in, or any name; then, by
     * {@code form}, that name alone, with the listener's port (as clients that name a port send it), or,
     * for a route that matches any host, an IP literal with the port (as load balancers' health checks
     * and internal callers do). Real traffic mixes them, and the host parsing takes other branches for each.
     */
    static String host(MatchConfig match, int form, int port) {
        String name = match.host() == null ? "warmup.portcullis.invalid" : match.host().replace("*", "warmup");
        return switch (form) {
            case 0 -> name;
            case 1 -> name + ":" + port;
            default -> match.host() == null ? "127.0.0.1:" + port : name + ":" + port;
        };
    }

    /** A path the route matches (a regex route gets "/", which it may not match: then the 404 path warms). */
    static String path(MatchConfig match) {
        if (match.path() != null) {
            return match.path();
        }
        return match.pathPrefix() != null ? match.pathPrefix() : "/";
    }
}
