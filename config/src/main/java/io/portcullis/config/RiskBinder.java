package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.time.Duration;

/**
 * Binds {@code risk: { history: 30d }}: how long a device or network a user was allowed from stays
 * known to the proxy's risk signals.
 */
final class RiskBinder {

    private RiskBinder() {
    }

    static RiskConfig bind(Node node, Problems problems) {
        MapReader r = MapReader.of(node, "risk", problems).orElse(null);
        if (r == null) {
            return RiskConfig.defaults();
        }
        Duration history = r.optional("history", Values.duration(Duration.ofHours(1), Duration.ofDays(365)),
                RiskConfig.DEFAULT_HISTORY);
        r.finish();
        return new RiskConfig(history);
    }
}
