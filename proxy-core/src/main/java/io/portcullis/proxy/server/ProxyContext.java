package io.portcullis.proxy.server;

import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.events.SecurityEventReceivers;
import io.portcullis.proxy.live.LiveConnections;
import io.portcullis.proxy.observe.DecisionLog;
import io.portcullis.proxy.observe.Metrics;
import io.portcullis.proxy.ratelimit.RateLimiter;
import io.portcullis.proxy.risk.RiskTracker;
import io.portcullis.proxy.trace.Tracing;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What every connection handler shares: the current config (read once per request, so a reload never
 * changes a request half-way), metrics, the decision log, the state that must outlive a reload (risk
 * history, rate-limit buckets), and the one clock every wall-clock reading of a request comes from
 * (token and session expiry, decision-line times), so a test can set the time.
 *
 * @param scheme     {@code http} or {@code https}, for X-Forwarded-Proto
 * @param access     per-subject device and network history for the policy's {@code risk} criteria and
 *                   the routes' per-caller token buckets, built once so no request builds it again
 * @param clock      wall-clock time; durations and timers use the monotonic clock instead
 * @param live       the long-lived exchanges, re-evaluated on a reload, an expiry or a security event
 * @param events     the Shared Signals receivers, whose push endpoints the listener answers
 * @param tracing    the process's tracer, {@link Tracing#OFF} unless tracing is on
 */
public record ProxyContext(Supplier<RuntimeConfig> runtime, Metrics metrics, DecisionLog decisions, String scheme,
                           AccessState access, Clock clock, LiveConnections live, SecurityEventReceivers events,
                           Tracing tracing) {

    /** A context without security-event receivers or tracing. */
    public ProxyContext(Supplier<RuntimeConfig> runtime, Metrics metrics, DecisionLog decisions, String scheme,
                        AccessState access, Clock clock, LiveConnections live) {
        this(runtime, metrics, decisions, scheme, access, clock, live, SecurityEventReceivers.none(), Tracing.OFF);
    }

    /** A context without tracing. */
    public ProxyContext(Supplier<RuntimeConfig> runtime, Metrics metrics, DecisionLog decisions, String scheme,
                        AccessState access, Clock clock, LiveConnections live, SecurityEventReceivers events) {
        this(runtime, metrics, decisions, scheme, access, clock, live, events, Tracing.OFF);
    }

    /**
     * A context with a fresh in-memory {@link RiskTracker} and {@link RateLimiter}, both on {@code clock},
     * and an empty {@link LiveConnections} registry.
     */
    public ProxyContext(Supplier<RuntimeConfig> runtime, Metrics metrics, DecisionLog decisions, String scheme,
                        Clock clock) {
        this(runtime, metrics, decisions, scheme, new AccessState(new RiskTracker(
                () -> runtime.get().config().risk().history(), RiskTracker.defaultMaxBytes(), clock), new RateLimiter()),
                clock);
    }

    /** A context on the given state, with an empty {@link LiveConnections} registry that decides with it. */
    public ProxyContext(Supplier<RuntimeConfig> runtime, Metrics metrics, DecisionLog decisions, String scheme,
                        AccessState access, Clock clock) {
        this(runtime, metrics, decisions, scheme, access, clock, new LiveConnections(runtime,
                metrics.registry(), decisions, clock, access));
    }

    /**
     * The runtime source of a context whose config a reload swaps in {@code current}. Every such context
     * (the process's listeners, the start's warm-up listener) gets its source from here, so the request
     * path's calls to it see one class: what the warm-up compiled is what real requests run.
     */
    public static Supplier<RuntimeConfig> reading(AtomicReference<RuntimeConfig> current) {
        return current::get;
    }

    /** The same context for connections of another scheme (TLS connections say {@code https}). */
    public ProxyContext withScheme(String otherScheme) {
        return new ProxyContext(runtime, metrics, decisions, otherScheme, access, clock, live, events, tracing);
    }

    /** The same context with {@code tracer} making the requests' spans. */
    public ProxyContext withTracing(Tracing tracer) {
        return new ProxyContext(runtime, metrics, decisions, scheme, access, clock, live, events, tracer);
    }
}
