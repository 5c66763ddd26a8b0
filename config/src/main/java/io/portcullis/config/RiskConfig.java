package io.portcullis.config;

import java.time.Duration;

/**
 * The proxy's risk signals ({@code risk:}).
 *
 * @param history how long a device or network a user was allowed from stays known
 */
public record RiskConfig(Duration history) {

    /** How long a place stays known when {@code risk.history} is not set. */
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(30);

    public RiskConfig {
        history = history == null ? DEFAULT_HISTORY : history;
    }

    public static RiskConfig defaults() {
        return new RiskConfig(DEFAULT_HISTORY);
    }
}
