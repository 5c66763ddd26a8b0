package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.time.Duration;

/** Binds {@code warmup: { enabled, iterations, settle }}. */
final class WarmupBinder {

    /** More would only delay the start: the JIT has compiled the path long before. */
    static final int MAX_ITERATIONS = 1_000_000;
    /** A start held longer than this for the JIT costs a deploy more than the first seconds of load do. */
    static final Duration MAX_SETTLE = Duration.ofMinutes(5);

    private WarmupBinder() {
    }

    static WarmupConfig bind(Node node, Problems problems) {
        MapReader r = MapReader.of(node, "warmup", problems).orElse(null);
        if (r == null) {
            return WarmupConfig.defaults();
        }
        boolean enabled = r.optional("enabled", Values.bool(), true);
        long iterations = r.optional("iterations", Values.integer(1, MAX_ITERATIONS),
                (long) WarmupConfig.DEFAULT_ITERATIONS);
        Duration settle = r.optional("settle", Values.duration(Duration.ZERO, MAX_SETTLE), WarmupConfig.DEFAULT_SETTLE);
        r.finish();
        return new WarmupConfig(enabled, (int) iterations, settle);
    }
}
