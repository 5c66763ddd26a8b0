package io.portcullis.proxy.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.proxy.BuildInfo;
import io.portcullis.proxy.state.RedisStateStore;
import io.portcullis.proxy.state.StateEvents;
import io.portcullis.proxy.state.StateStore;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every metric Portcullis exports, registered in one place so the names are easy to find and the
 * dashboards and alerts in docs/operations can be checked against them. {@link #close()} detaches it
 * from the JVM's garbage collectors, whose notifications would otherwise reach it for as long as the
 * process runs.
 */
public final class Metrics implements IdentityEvents, StateEvents, AutoCloseable {

    private final PrometheusMeterRegistry registry;
    /** Listens to every collector of the JVM, which keeps it (and this registry) for good until closed; null unexported. */
    private final JvmGcMetrics gc;
    private final ConcurrentMap<RequestKey, Counter> requestCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> jwksCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> shadowCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> rateLimitCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> timeoutCounters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> stateFallbacks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> stateRoundTrips = new ConcurrentHashMap<>();
    private final Timer statePubSubLag;
    /** Held here so the gauges' weakly referenced source is never collected (a collected one reads NaN). */
    private volatile StateStore stateStore;
    private final Timer decisionLatency;
    private final Timer upstreamLatency;
    private final Counter tokenCacheHits;
    private final Counter tokenCacheMisses;
    private final Counter reloadOk;
    private final Counter reloadFailed;
    private final Counter internalErrors;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger lastReloadSuccess = new AtomicInteger(1);
    private final AtomicLong lastReloadSuccessMillis = new AtomicLong(System.currentTimeMillis());
    private Gauge configInfo;

    private record RequestKey(String route, String decision, String reason) {
    }

    public Metrics() {
        this(true);
    }

    /**
     * Metrics that no endpoint exports and that watch nothing of the process (no JVM, GC or Netty
     * binders, whose listeners would outlive them): what the start's warm-up listener counts into.
     */
    public static Metrics unexported() {
        return new Metrics(false);
    }

    private Metrics(boolean process) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        gc = process ? new JvmGcMetrics() : null;
        if (process) {
            new JvmMemoryMetrics().bindTo(registry);
            gc.bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            NettyMemoryMetrics.bindTo(registry);
        }
        BuildInfo build = BuildInfo.current();
        Gauge.builder("portcullis.build.info", () -> 1)
                .description("Always 1; the labels say which build runs (as --version prints it)")
                .tag("version", build.version()).tag("commit", build.commit()).strongReference(true).register(registry);
        decisionLatency = Timer.builder("portcullis.decision.latency")
                .description("Time from request head to decision (authentication + policy)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        upstreamLatency = Timer.builder("portcullis.upstream.latency")
                .description("Time from forwarding a request to the upstream's response head")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        tokenCacheHits = Counter.builder("portcullis.token.cache").tag("result", "hit")
                .description("Verified-token cache lookups").register(registry);
        tokenCacheMisses = Counter.builder("portcullis.token.cache").tag("result", "miss")
                .description("Verified-token cache lookups").register(registry);
        reloadOk = Counter.builder("portcullis.config.reloads").tag("result", "success")
                .description("Config reload attempts").register(registry);
        reloadFailed = Counter.builder("portcullis.config.reloads").tag("result", "failure")
                .description("Config reload attempts").register(registry);
        internalErrors = Counter.builder("portcullis.internal.errors")
                .description("Internal errors while authenticating or deciding; each one was a deny")
                .register(registry);
        statePubSubLag = Timer.builder("portcullis.state.pubsub.lag")
                .description("From a revocation's publication by one replica to its arrival at this one")
                .register(registry);
        // strongReference: Micrometer holds a gauge's state weakly by default, and a collected state
        // reads NaN for ever. Every gauge here is registered so, even where something else holds it.
        Gauge.builder("portcullis.connections.open", openConnections, AtomicInteger::get).strongReference(true)
                .description("Open client connections on the data plane").register(registry);
        Gauge.builder("portcullis.decision.log.pending", DecisionLog::pending)
                .description("Decision lines recorded and not yet written: how far the log's output is behind")
                .register(registry);
        Gauge.builder("portcullis.config.last.reload.success", lastReloadSuccess, AtomicInteger::get)
                .description("1 when the last config load or reload succeeded (applied or unchanged), 0 when it was refused")
                .strongReference(true).register(registry);
        Gauge.builder("portcullis.config.last.reload.success.timestamp.seconds", lastReloadSuccessMillis,
                        millis -> millis.get() / 1000.0)
                .description("When the config was last loaded or reloaded successfully (Unix time)")
                .strongReference(true).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Removes the garbage-collection listeners; the meters stay readable. The other binders read the
     * JVM only when scraped and hold nothing of it.
     */
    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    public void request(String route, String decision, String reason) {
        // computeIfAbsent reads a present counter without a lock (when first in its bin: nearly always). No
        // branch of our own for a new key: the warm-up counts into other Metrics, so every key is new after
        // ready, and a branch the JIT had never seen taken made it throw away the compiled code of each
        // request's logging on the first requests.
        RequestKey key = new RequestKey(route, decision, reason);
        requestCounters.computeIfAbsent(key, k -> Counter.builder("portcullis.requests")
                .description("Requests by route, decision and deciding reason")
                .tag("route", k.route()).tag("decision", k.decision()).tag("reason", k.reason())
                .register(registry)).increment();
    }

    /** A decision asked for by another proxy or a policy enforcement point, not a proxied request. */
    public void decisionApi(String via, String route, String decision, String reason) {
        Counter.builder("portcullis.decision_api.decisions")
                .description("Decisions answered on the decision API, by flavour, route, decision and reason")
                .tag("via", via).tag("route", route).tag("decision", decision).tag("reason", reason)
                .register(registry).increment();
    }

    public void decisionLatency(long nanos) {
        decisionLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void upstreamLatency(long nanos) {
        upstreamLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void connectionOpened() {
        openConnections.incrementAndGet();
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }

    /**
     * Counts one timeout ({@code portcullis_timeouts_total{kind}}); kinds: {@code header_read},
     * {@code idle}, {@code body_read}, {@code upstream_connect}, {@code upstream_response},
     * {@code upstream_idle}, {@code websocket_token_expiry}, {@code shutdown}.
     */
    public void timeout(String kind) {
        timeoutCounters.computeIfAbsent(kind, k -> Counter.builder("portcullis.timeouts")
                .description("Timeouts by kind")
                .tag("kind", k).register(registry)).increment();
    }

    /** A reload ended: applied or unchanged ({@code success}), or refused. */
    public void reload(boolean success) {
        (success ? reloadOk : reloadFailed).increment();
        lastReloadSuccess.set(success ? 1 : 0);
        if (success) {
            lastReloadSuccessMillis.set(System.currentTimeMillis());
        }
    }

    /**
     * The config in use is now the one with this hash: {@code portcullis_config_info{sha256}} is 1 for
     * it, and the series of the previous hash is gone.
     */
    public synchronized void configInUse(String sha256) {
        if (configInfo != null) {
            if (configInfo.getId().getTag("sha256").equals(sha256)) {
                return;
            }
            registry.remove(configInfo);
        }
        configInfo = Gauge.builder("portcullis.config.info", () -> 1)
                .description("Always 1; the sha256 label is the running config's hash (as check and /policies print it)")
                .tag("sha256", sha256).strongReference(true).register(registry);
    }

    /** A shadow policy decided otherwise than the enforced one; {@code kind} is would-allow/deny/challenge. */
    public void shadowDisagreement(String route, String shadowPolicy, String kind) {
        counter(shadowCounters, route + '\0' + shadowPolicy + '\0' + kind, () -> Counter.builder(
                "portcullis.shadow.disagreements")
                .description("Requests where a route's shadow policy decided otherwise than the enforced one")
                .tag("route", route).tag("shadow_policy", shadowPolicy).tag("kind", kind)).increment();
    }

    /** A request was refused with 429 by a route's rate limit keyed {@code per} subject, device or source_ip. */
    public void rateLimited(String route, String per) {
        counter(rateLimitCounters, route + '\0' + per, () -> Counter.builder("portcullis.rate.limited")
                .description("Requests refused with 429 by a route's rate limit")
                .tag("route", route).tag("per", per)).increment();
    }

    /** The counter for {@code key}, registered on first use; the lookup alone on every later call. */
    private Counter counter(ConcurrentMap<String, Counter> counters, String key, Supplier<Counter.Builder> builder) {
        Counter c = counters.get(key);
        return c != null ? c : counters.computeIfAbsent(key, k -> builder.get().register(registry));
    }

    public void internalError() {
        internalErrors.increment();
    }

    /**
     * Registers a 0/1 gauge telling whether an issuer's keys are stale. The registry keeps
     * {@code stale} alive: callers pass a lambda nothing else refers to.
     */
    public void issuerStaleGauge(String issuerId, Supplier<Boolean> stale) {
        Gauge.builder("portcullis.issuer.keys.stale", stale, s -> Boolean.TRUE.equals(s.get()) ? 1 : 0)
                .strongReference(true)
                .description("1 when the issuer's last JWKS refresh failed (last good keys in use)")
                .tag("issuer", issuerId).register(registry);
    }

    @Override
    public void jwksFetch(String issuerId, String result) {
        String key = issuerId + '\0' + result;
        jwksCounters.computeIfAbsent(key, k -> Counter.builder("portcullis.jwks.fetches")
                .description("JWKS and discovery fetches by issuer and result")
                .tag("issuer", issuerId).tag("result", result).register(registry)).increment();
    }

    @Override
    public void tokenCache(boolean hit) {
        (hit ? tokenCacheHits : tokenCacheMisses).increment();
    }

    /**
     * Registers the state store's gauges (up, revocations mirrored and waiting to be written) and its
     * counters at zero, so dashboards and alerts see the same series in both modes.
     */
    public void stateStoreGauges(StateStore store) {
        this.stateStore = store;
        Gauge.builder("portcullis.state.store.up", store, s -> s.health().up() ? 1 : 0)
                .description("1 when the shared state store answers (always 1 for state: memory)")
                .tag("type", store.type()).strongReference(true).register(registry);
        Gauge.builder("portcullis.state.revocations.mirrored", store, StateStore::mirrorSize)
                .description("Revocations held in memory (the shared store's mirror)").strongReference(true).register(registry);
        Gauge.builder("portcullis.state.revocations.pending", store,
                        s -> s instanceof RedisStateStore redis ? redis.pendingRevocations() : 0)
                .description("Revocations taken while the store was down, not written yet").strongReference(true).register(registry);
        for (String operation : STATE_OPERATIONS) {
            counter(stateFallbacks, operation, () -> fallbackCounter(operation));
            stateRoundTrip(operation, true);
        }
    }

    /** What the store does, as the {@code operation} label says it. */
    private static final java.util.List<String> STATE_OPERATIONS =
            java.util.List.of("revoke", "rate_limit", "replay", "risk_load", "risk_record");

    @Override
    public void roundTrip(String operation, long nanos, boolean ok) {
        stateRoundTrip(operation, ok).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer stateRoundTrip(String operation, boolean ok) {
        String key = operation + (ok ? "\0ok" : "\0error");
        Timer t = stateRoundTrips.get(key);
        return t != null ? t : stateRoundTrips.computeIfAbsent(key, k -> Timer.builder("portcullis.state.round.trip")
                .description("Shared state store commands, from send to answer or failure")
                .tag("operation", operation).tag("result", ok ? "ok" : "error").register(registry));
    }

    @Override
    public void fallback(String operation) {
        counter(stateFallbacks, operation, () -> fallbackCounter(operation)).increment();
    }

    private static Counter.Builder fallbackCounter(String operation) {
        return Counter.builder("portcullis.state.fallbacks")
                .description("Times a replica used its own state because the shared store could not answer")
                .tag("operation", operation);
    }

    @Override
    public void pubSubLag(long millis) {
        statePubSubLag.record(millis, TimeUnit.MILLISECONDS);
    }
}
