package io.portcullis.config;

import java.time.Duration;

/**
 * Timeouts, each with a safe default.
 *
 * @param headerRead       time for a client to send a complete request head (slowloris)
 * @param idle             keep-alive connection idle time
 * @param upstreamConnect  TCP connect to an upstream (→ 502 when exceeded)
 * @param upstreamResponse time to the upstream's response head (→ 504)
 */
public record TimeoutsConfig(Duration headerRead, Duration idle, Duration upstreamConnect, Duration upstreamResponse) {

    public static TimeoutsConfig defaults() {
        return new TimeoutsConfig(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }
}
