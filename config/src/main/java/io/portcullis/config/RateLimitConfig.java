package io.portcullis.config;

import java.util.List;

/**
 * A route's {@code rate_limit}: a token bucket per caller. It holds {@code burst} requests and refills
 * at {@code requests} per {@code perSeconds}.
 *
 * @param per        what a bucket belongs to: {@code subject}, {@code device} or {@code source_ip}
 * @param requests   requests allowed per {@code perSeconds}, sustained
 * @param perSeconds the period {@code requests} refers to, in seconds
 * @param burst      how many requests may come at once (the bucket size); defaults to {@code requests}
 */
public record RateLimitConfig(String per, int requests, int perSeconds, int burst, Position position) {

    /** The values {@code per} may take. */
    public static final List<String> KEYS = List.of("subject", "device", "source_ip");

    /** Tokens added per second. */
    public double refillPerSecond() {
        return (double) requests / perSeconds;
    }
}
