package io.portcullis.config;

import java.time.Duration;

/**
 * How much of the proxy one route may use.
 *
 * @param maxBodyBytes largest request body accepted, or null for the global {@code limits.max_body_bytes}
 * @param timeout      time allowed for the upstream to answer, and for the whole forwarded exchange
 *                     (null = global default for the answer, no total limit)
 * @param rateLimit    per-caller token bucket, or null for none
 */
public record RouteLimits(Long maxBodyBytes, Duration timeout, RateLimitConfig rateLimit) {

    /** Global body limit, global timeouts, no rate limit. */
    public static RouteLimits defaults() {
        return new RouteLimits(null, null, null);
    }

    public RouteLimits withMaxBodyBytes(Long bytes) {
        return new RouteLimits(bytes, timeout, rateLimit);
    }

    public RouteLimits withTimeout(Duration t) {
        return new RouteLimits(maxBodyBytes, t, rateLimit);
    }

    public RouteLimits withRateLimit(RateLimitConfig limit) {
        return new RouteLimits(maxBodyBytes, timeout, limit);
    }
}
