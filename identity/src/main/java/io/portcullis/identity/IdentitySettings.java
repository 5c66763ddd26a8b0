package io.portcullis.identity;

import java.time.Clock;
import java.time.Duration;

/**
 * Tuning of {@link DefaultIdentityService} that is not part of the YAML config.
 *
 * @param clock                    time source for token validity and posture age
 * @param unknownKidRefetchInterval least time between two JWKS fetches triggered by unknown kids, per issuer
 * @param verifiedTokenCacheSize   most tokens kept in the verified-token cache
 */
public record IdentitySettings(Clock clock, Duration unknownKidRefetchInterval, long verifiedTokenCacheSize) {

    /** Most entries the verified-token cache keeps however large the heap. */
    static final long MAX_CACHED_TOKENS = 100_000;

    /**
     * Heap one cached token takes, with margin: a verified identity with its claims measured ~2.0 KB
     * for a typical 870-character access token, and the entry keeps the ~530 characters before its
     * signature as bytes (see VerifiedTokenKey).
     */
    static final long BYTES_PER_CACHED_TOKEN = 3_072;

    public static IdentitySettings defaults() {
        return new IdentitySettings(Clock.systemUTC(), Duration.ofSeconds(30),
                cachedTokensFor(Runtime.getRuntime().maxMemory()));
    }

    /**
     * The verified-token cache's bound for a heap of this size: an eighth of it at most. 100,000 tokens
     * took ~200 MB, so a fixed bound filled a 256 MB heap and the collector ran back-to-back full
     * collections under a stream of distinct tokens. A quarter was still too much: the old generation is
     * two thirds of the heap, and with the risk tracker's eighth and 10,000 open connections (~3.5 KB
     * each) it was 82% full, and a 329 ms full collection stalled the load harness's connection-scale
     * run (p99 227 ms).
     */
    static long cachedTokensFor(long maxHeapBytes) {
        return Math.max(1_000, Math.min(MAX_CACHED_TOKENS, maxHeapBytes / 8 / BYTES_PER_CACHED_TOKEN));
    }

    public IdentitySettings withUnknownKidRefetchInterval(Duration interval) {
        return new IdentitySettings(clock, interval, verifiedTokenCacheSize);
    }

    public IdentitySettings withClock(Clock newClock) {
        return new IdentitySettings(newClock, unknownKidRefetchInterval, verifiedTokenCacheSize);
    }
}
