package io.portcullis.config;

import java.time.Duration;

/**
 * Timeouts, each with a safe default.
 *
 * @param headerRead       time for a client to send a complete request head (slowloris)
 * @param idle             keep-alive connection idle time
 * @param upstreamConnect  TCP connect to an upstream (→ 502 when exceeded)
 * @param upstreamResponse time to the upstream's response head (→ 504)
 * @param bodyRead         longest pause between two pieces of a request body (→ 408)
 */
public record TimeoutsConfig(Duration headerRead, Duration idle, Duration upstreamConnect, Duration upstreamResponse,
                             Duration bodyRead) {

    /** Default for {@code body_read}. */
    public static final Duration DEFAULT_BODY_READ = Duration.ofSeconds(30);

    public TimeoutsConfig {
        bodyRead = bodyRead == null ? DEFAULT_BODY_READ : bodyRead;
    }

    /** Timeouts with the default {@code body_read}. */
    public TimeoutsConfig(Duration headerRead, Duration idle, Duration upstreamConnect, Duration upstreamResponse) {
        this(headerRead, idle, upstreamConnect, upstreamResponse, DEFAULT_BODY_READ);
    }

    public static TimeoutsConfig defaults() {
        return new TimeoutsConfig(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(30), DEFAULT_BODY_READ);
    }
}
