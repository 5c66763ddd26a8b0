package io.portcullis.proxy;

import io.portcullis.proxy.access.authn.BindingState;

import io.netty.channel.EventLoopGroup;
import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigWatcher;
import io.portcullis.config.DecisionApiConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.IdentityService;
import io.portcullis.identity.IssuerStatus;
import io.portcullis.proxy.health.Readiness;
import io.portcullis.identity.revocation.RevocationCheckingIdentityService;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.admin.AdminServer;
import io.portcullis.proxy.observe.CertificateExpiry;
import io.portcullis.proxy.decisionapi.DecisionApiServer;
import io.portcullis.proxy.events.EnforcingSink;
import io.portcullis.proxy.events.EventReport;
import io.portcullis.proxy.events.SecurityEventReceivers;
import io.portcullis.proxy.observe.DecisionLog;
import io.portcullis.proxy.observe.Json;
import io.portcullis.proxy.observe.Metrics;
import io.portcullis.proxy.ratelimit.RateLimiter;
import io.portcullis.proxy.risk.RiskTracker;
import io.portcullis.proxy.live.LiveConnections;
import io.portcullis.proxy.server.ProxyContext;
import io.portcullis.proxy.trace.Tracing;
import io.portcullis.proxy.trace.TracingSettings;
import io.portcullis.proxy.server.ProxyServer;
import io.portcullis.proxy.server.Transports;
import io.portcullis.proxy.sso.SsoRuntime;
import io.portcullis.proxy.state.StateStore;
import io.portcullis.proxy.state.StateStores;
import io.portcullis.proxy.state.StoreHealth;
import io.portcullis.proxy.warmup.PipelineWarmup;
import io.portcullis.proxy.warmup.WarmupReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Portcullis: the one place where the parts are wired together, explicitly. Holds the
 * current {@link RuntimeConfig} in an atomic reference; {@link #reload()} compiles a new one fully
 * before swapping, so an invalid file never replaces a good config.
 */
public final class Portcullis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Portcullis.class);

    /** Builds the identity stage for a config; reporting to the given events. */
    public interface IdentityFactory extends BiFunction<PortcullisConfig, IdentityEvents, IdentityService> {
    }

    private final Path source;
    private final AtomicReference<RuntimeConfig> runtime = new AtomicReference<>();
    /** Opened first and closed last: its collector listeners outlive it otherwise (a failed start too). */
    private final Metrics metrics;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ProxyServer proxy;
    private final AdminServer admin;
    // --- decision API (forward-auth): its own listener, null when decision_api is not configured ---
    private final DecisionApiServer decisionApi;
    // --- end decision API ---
    private final Object reloadLock = new Object();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final ConfigWatcher watcher;
    /** Opened with the other parts, so that a failed start closes it (a field initializer's thread outlived one). */
    private final CertificateExpiry certificates;
    /** Shared state: opened once, kept across reloads (a changed {@code state} section needs a restart). */
    private final StateStore state;
    /** Seen DPoP proofs and the nonce key: they must survive a reload. */
    private final BindingState binding;
    private final LiveConnections live;
    /** Spans of proxied requests: built once at start (a changed {@code tracing} section needs a restart). */
    private final Tracing tracing;
    /** Shared Signals receivers: started after the listeners, re-applied on reload. */
    private final SecurityEventReceivers events;
    /** What the start's warm-up did (it ran before any listener opened). */
    private final WarmupReport warmup;
    /** Set once every listener is open: until then /readyz says the start is under way. */
    private volatile boolean started;

    private Portcullis(Path source, ConfigCompiler.Compiled compiled, IdentityFactory identityFactory,
                       int workerThreads, boolean watch) throws InterruptedException {
        this.source = source;
        PortcullisConfig config = compiled.config();
        // Read first: an unusable OTEL_* variable stops the start before anything is opened.
        TracingSettings tracingSettings = TracingSettings.resolve(config.tracing(), System.getenv());
        Clock clock = Clock.systemUTC();
        OpenedParts opened = new OpenedParts();
        try {
            metrics = opened.add(new Metrics());
            certificates = opened.add(new CertificateExpiry(metrics.registry()));
            state = opened.add(StateStores.open(config.state(), metrics, clock));
            metrics.stateStoreGauges(state);
            SsoRuntime sso = opened.add(SsoRuntime.start(config, metrics, state.revocations(), clock));
            // Bearer tokens are checked against revocations after authentication, cached ones included.
            IdentityService identity = new RevocationCheckingIdentityService(
                    opened.add(identityFactory.apply(config, metrics)), state.revocations());
            // Proof jtis and DPoP nonces come from the state store: shared by every replica with state: redis.
            binding = new BindingState(state.replays(), state.nonces(), clock);
            runtime.set(RuntimeConfig.of(config, compiled.policies(), identity, sso, binding));
            metrics.configInUse(config.sha256());
            certificates.watch(CertificateExpiry.sourcesOf(config));
            for (var issuer : config.identity().issuers()) {
                String id = issuer.id();
                metrics.issuerStaleGauge(id, () -> runtime.get().identity().issuers().stream()
                        .filter(s -> s.issuerId().equals(id)).anyMatch(IssuerStatus::stale));
            }
            boss = Transports.newGroup(1, "portcullis-accept");
            opened.add(() -> shutdown(boss));
            workers = Transports.newGroup(workerThreads, "portcullis-io");
            opened.add(() -> shutdown(workers));
            // Records through the JVM's one decision writer, which outlives every proxy: nothing to close here.
            DecisionLog decisions = new DecisionLog();
            AccessState access = new AccessState(
                    new RiskTracker(() -> runtime.get().config().risk().history(), RiskTracker.defaultMaxBytes(), clock,
                            state.riskHistory()),
                    new RateLimiter(RateLimiter.DEFAULT_MAX_BUCKETS, System::nanoTime, state.buckets(), metrics));
            live = new LiveConnections(runtime::get, metrics.registry(), decisions, clock, access);
            // Security events: verified SETs revoke in the state store (every replica enforces them through
            // its mirror) and end the live connections they name; a SET's jti is spent in the shared replay set.
            EventReport report = new EventReport(metrics.registry(), decisions, () -> runtime.get().config().sha256(),
                    clock);
            EnforcingSink sink = new EnforcingSink(state.revocations(), live, () -> runtime.get().config(), report,
                    clock);
            state.onPublishedRevocation(sink::published);
            events = new SecurityEventReceivers(state.replays()::firstUse, sink, report, clock);
            tracing = opened.add(Tracing.start(tracingSettings, BuildInfo.current().version()));
            ProxyContext ctx = new ProxyContext(ProxyContext.reading(runtime), metrics, decisions, "http", access,
                    clock, live, events, tracing);
            // Everything above, and the admin listener, before the warm-up: what it builds and loads then
            // (caches, handlers, buffers of kinds the warm-up never made) would otherwise arrive after the
            // warm-up compiled the request path, and a class loaded then makes the JIT throw away code that
            // assumed it did not exist, just as the first requests come. /healthz answers meanwhile (a
            // liveness probe must not restart a replica that is warming up) and /readyz says it is not ready.
            admin = opened.add(ListenerUnavailableException.open("admin", "admin", config.admin(),
                    () -> AdminServer.start(config.admin(), boss, this::adminEndpoints)));
            // Before the data port opens, so that it only ever serves a warm path; the real issuers' first
            // key fetches, started above, run meanwhile.
            warmup = PipelineWarmup.run(config, compiled.policies(), config.transport().warmup(), boss, workers);
            proxy = opened.add(ListenerUnavailableException.open("data plane", "listen", config.listen(),
                    () -> ProxyServer.start(config.listen(), boss, workers, ctx, config.limits(), config.timeouts(),
                            config.transport())));
            // --- decision API ---
            decisionApi = config.decisionApi() == null ? null : opened.add(ListenerUnavailableException.open(
                    "decision API", "decision_api.listen", config.decisionApi().listen(),
                    () -> DecisionApiServer.start(config.decisionApi(), boss, workers, ctx)));
            // --- end decision API ---
            // Only applying the config starts the receivers' thread and calls: from here on they have to be closed.
            opened.add(events);
            events.apply(config.securityEvents());
            watcher = opened.add(watch && source != null ? startWatcher(source, config.sha256()) : null);
        } catch (Throwable e) {
            // Errors too, and a checked exception a library throws undeclared: whatever stopped the start,
            // nothing it opened may go on running without an owner.
            opened.closeAfter(e);
            throw e;
        }
        started = true;
        LOG.info("portcullis listening on {} ({}{}) (admin {}), {} routes, transport {}, state {}",
                config.listen().host() + ":" + proxy.port(), config.transport().tls() != null ? "TLS, h2+http/1.1" : "cleartext",
                config.transport().h2c() ? ", h2c" : "", config.admin().host() + ":" + admin.port(),
                config.routes().size(), Transports.nativeEpoll() ? "epoll" : "nio",
                config.state().redis() == null ? state.type() : state.type() + " at " + config.state().redis().endpoint());
    }

    /**
     * Starts from an already compiled config. {@code source} is the file reloads read (may be null);
     * with {@code watch}, a change of its content triggers {@link #reload()}.
     */
    public static Portcullis start(Path source, ConfigCompiler.Compiled compiled, IdentityFactory identityFactory,
                                   boolean watch) throws InterruptedException {
        return new Portcullis(source, compiled, identityFactory, Math.max(1, Runtime.getRuntime().availableProcessors()),
                watch);
    }

    private ConfigWatcher startWatcher(Path file, String sha256) {
        try {
            return ConfigWatcher.startWithIncludes(file, sha256, changed -> {
                LOG.info("config file {} changed: reloading", changed);
                reload();
            });
        } catch (IOException e) {
            LOG.warn("cannot watch {} for changes ({}); reload with SIGHUP", file, e.toString());
            return null;
        }
    }

    public int port() {
        return proxy.port();
    }

    public int adminPort() {
        return admin.port();
    }

    /** The decision API's port; -1 when {@code decision_api} is not configured. */
    public int decisionApiPort() {
        return decisionApi == null ? -1 : decisionApi.port();
    }

    public Metrics metrics() {
        return metrics;
    }

    /** What the start's warm-up did. */
    public WarmupReport warmup() {
        return warmup;
    }

    /** The long-lived exchanges of this process, for the security-event wiring to re-evaluate. */
    public LiveConnections live() {
        return live;
    }

    public RuntimeConfig current() {
        return runtime.get();
    }

    /**
     * Re-reads the config file. On any problem the running config stays and the problems are logged
     * and counted. Returns true when the new config is in use.
     */
    public boolean reload() {
        if (source == null) {
            return false;
        }
        synchronized (reloadLock) {
            ConfigCompiler.Compiled compiled;
            try {
                compiled = ConfigCompiler.compile(source);
            } catch (ConfigException e) {
                metrics.reload(false);
                LOG.error("config reload refused; the running config is kept:\n{}", e.getMessage());
                return false;
            } catch (RuntimeException e) {
                metrics.reload(false);
                LOG.error("config reload refused; the running config is kept: {}", e.toString());
                return false;
            }
            RuntimeConfig old = runtime.get();
            if (Objects.equals(old.config().sha256(), compiled.config().sha256())) {
                LOG.info("config reload unchanged: {} (sha256 {}) is the running config; nothing to apply", source,
                        old.config().sha256());
                metrics.reload(true);
                return true;
            }
            PortcullisConfig next = compiled.config();
            if (!next.listen().equals(old.config().listen()) || !next.admin().equals(old.config().admin())) {
                LOG.warn("listen/admin address changes take effect only after a restart");
            }
            if (!Objects.equals(decisionApiListener(next), decisionApiListener(old.config()))) {
                // Its listener is opened (or not) at start; its secret, callers and header names do reload.
                LOG.warn("decision_api listen and tls changes (adding or removing the section too) take effect only "
                        + "after a restart");
            }
            if (!next.state().equals(old.config().state())) {
                LOG.warn("state changes take effect only after a restart");
            }
            if (!next.tracing().equals(old.config().tracing())) {
                LOG.warn("tracing changes take effect only after a restart");
            }
            if (!next.transport().equals(old.config().transport())) {
                // the listener's pipeline is built at start; certificate file contents reload on their own
                LOG.warn("tls, http2 and shutdown_grace changes take effect only after a restart");
            }
            // Everything the new config needs is built before anything changes: a step that fails closes what
            // the steps before it opened (a new login service's threads, the new identity stage's share of the
            // key fetchers), and the running config keeps serving with its own parts untouched.
            OpenedParts opened = new OpenedParts();
            SsoRuntime sso;
            RuntimeConfig applied;
            try {
                sso = old.sso().reconfigure(next);
                if (sso != old.sso()) {
                    opened.add(sso);
                }
                IdentityService identity = opened.add(old.identity().reconfigure(next));
                proxy.prepareUpstreamTls(next);
                applied = RuntimeConfig.of(next, compiled.policies(), identity, sso, binding);
            } catch (RuntimeException e) {
                opened.closeAfter(e);
                metrics.reload(false);
                LOG.error("config reload refused; the running config is kept: {}", e.getMessage());
                return false;
            } catch (Error e) {
                // Not the config's fault: the caller learns of it, and nothing this reload opened runs on.
                opened.closeAfter(e);
                throw e;
            }
            runtime.set(applied);
            if (sso != old.sso()) {
                // Only now: a refused reload must not take the running config's login service away.
                old.sso().retire();
            }
            // Its share of the key-fetch threads and of the caches the new stage kept would otherwise be held
            // for good. Safe at once: requests begun before the swap still verify through it, on the threads
            // and kept caches the new stage holds; only the caches of changed or dropped issuers stop refreshing.
            old.identity().close();
            metrics.reload(true);
            metrics.configInUse(next.sha256());
            certificates.watch(CertificateExpiry.sourcesOf(next));
            LOG.info("config reload applied: {} (sha256 {})", source, next.sha256());
            events.apply(next.securityEvents());
            // Open WebSockets and streams were allowed by the old policy: the new one decides them again.
            live.reevaluateAll("reload");
            return true;
        }
    }

    private static List<Object> decisionApiListener(PortcullisConfig config) {
        DecisionApiConfig api = config.decisionApi();
        return api == null ? List.of() : java.util.Arrays.asList(api.listen(), api.tls());
    }

    private AdminServer.Endpoints adminEndpoints() {
        RuntimeConfig rc = runtime.get();
        return new AdminServer.Endpoints() {
            @Override
            public String metrics() {
                return metrics.scrape();
            }

            @Override
            public String notReadyReason() {
                return started ? Readiness.notReadyReason(rc) : "starting (warming up the request path)";
            }

            @Override
            public java.util.List<String> degraded() {
                StoreHealth health = state.health();
                return health.up() ? java.util.List.of()
                        : java.util.List.of("state store " + health.reason()
                                + " (revocations enforced from memory, rate limits per replica)");
            }

            @Override
            public java.util.List<String> staleIssuers() {
                return rc.identity().issuers().stream().filter(IssuerStatus::stale).map(IssuerStatus::issuerId).toList();
            }

            @Override
            public String policies() {
                StringBuilder sb = new StringBuilder("{\"config_sha256\":");
                Json.quote(sb, rc.config().sha256());
                sb.append(",\"loaded_at\":");
                Json.quote(sb, rc.loadedAt().toString());
                sb.append(",\"routes\":[");
                boolean first = true;
                for (var r : rc.router().routes()) {
                    sb.append(first ? "" : ",").append("{\"id\":");
                    Json.quote(sb, r.id());
                    sb.append(",\"policy\":");
                    Json.quote(sb, r.config().access().policy());
                    sb.append(",\"upstream\":");
                    Json.quote(sb, r.upstream().key());
                    sb.append('}');
                    first = false;
                }
                sb.append("],\"policies\":[");
                first = true;
                for (String id : rc.policies().policies().keySet()) {
                    sb.append(first ? "" : ",");
                    Json.quote(sb, id);
                    first = false;
                }
                return sb.append("]}\n").toString();
            }
        };
    }

    private void shutdownGroups() {
        shutdown(workers);
        shutdown(boss);
    }

    private static void shutdown(EventLoopGroup group) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public void close() {
        // Stopping happens once: from a signal's shutdown hook, and again from an owner's close.
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Pushed oldest first and closed newest first, so in the order written here backwards: the watcher
        // first, the metrics last. A part whose close fails does not leave the ones after it open.
        OpenedParts parts = new OpenedParts();
        parts.add(metrics);
        parts.add(tracing);
        parts.add(state);
        parts.add(certificates);
        parts.add(runtime.get().sso());
        parts.add(runtime.get().identity());
        parts.add(this::shutdownGroups);
        parts.add(decisionApi);
        parts.add(admin);
        parts.add(proxy);
        parts.add(events);
        parts.add(watcher);
        parts.closeAll();
    }

    /** The Shared Signals receivers. */
    public SecurityEventReceivers securityEvents() {
        return events;
    }

    /** The shared state store. */
    public StateStore state() {
        return state;
    }
}
