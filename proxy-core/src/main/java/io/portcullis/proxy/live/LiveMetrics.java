package io.portcullis.proxy.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The registry's metrics: {@code portcullis_live_connections} (entries now) and
 * {@code portcullis_live_reevaluations_total{cause,result}} with result {@code allowed},
 * {@code closed} or {@code error} (the decision failed, and the exchange was closed: fail closed).
 */
final class LiveMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    LiveMetrics(MeterRegistry registry, Set<LiveEntry> entries) {
        this.registry = registry;
        // strongReference: a gauge's state is held weakly by default and would read NaN once collected.
        Gauge.builder("portcullis.live.connections", entries, Set::size).strongReference(true)
                .description("Long-lived exchanges (WebSockets, streaming responses) registered for re-evaluation")
                .register(registry);
        // The reload series exist from the start, so a rate() over them is defined before the first reload.
        counter("reload", "allowed");
        counter("reload", "closed");
    }

    void reevaluated(String cause, String result) {
        counter(cause, result).increment();
    }

    private Counter counter(String cause, String result) {
        return counters.computeIfAbsent(cause + "\u0000" + result, k -> Counter.builder("portcullis.live.reevaluations")
                .description("Re-evaluations of live connections by trigger and result")
                .tag("cause", cause).tag("result", result).register(registry));
    }
}
