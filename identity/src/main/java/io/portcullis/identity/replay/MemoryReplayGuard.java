package io.portcullis.identity.replay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link ReplayGuard} for one instance: values live in a bounded Caffeine cache, each for its own
 * time to live. When the bound is reached Caffeine evicts by frequency and recency; a value evicted
 * early could be replayed, so the bound must be sized for the peak rate times the longest window.
 * Also the per-replica memory of the shared (Redis) guard, which answers from it while Redis cannot.
 */
public final class MemoryReplayGuard implements ReplayGuard {

    private final Cache<String, Boolean> cache;
    private final Policy.VarExpiration<String, Boolean> seen;

    /** @param maxEntries how many one-time values are remembered at most */
    public MemoryReplayGuard(long maxEntries) {
        this(maxEntries, Ticker.systemTicker());
    }

    /** With the clock the time to live is measured by (the process's clock, or a test's). */
    public MemoryReplayGuard(long maxEntries, Clock clock) {
        this(maxEntries, () -> clock.millis() * 1_000_000L);
    }

    /** With the ticker that measures the time to live (tests move it by hand). */
    public MemoryReplayGuard(long maxEntries, Ticker ticker) {
        Cache<String, Boolean> cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                // Maintenance on the caller's thread: no pool thread for a cache touched per request.
                .executor(Runnable::run)
                // Every entry is written with its own ttl through VarExpiration; updates never happen.
                .expireAfter(Expiry.<String, Boolean>writing((k, v) -> Duration.ZERO))
                .build();
        this.cache = cache;
        this.seen = cache.policy().expireVariably().orElseThrow();
    }

    /**
     * Records the value now, on the caller's thread; true when it was not seen within its window.
     * The value is remembered either way.
     */
    public boolean remember(String namespace, String value, Duration ttl) {
        return seen.putIfAbsent(key(namespace, value), Boolean.TRUE, ttl) == null;
    }

    @Override
    public CompletionStage<Void> forget(String namespace, String value) {
        cache.invalidate(key(namespace, value));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Boolean> firstUse(String namespace, String value, Duration ttl) {
        return CompletableFuture.completedFuture(remember(namespace, value, ttl));
    }

    private static String key(String namespace, String value) {
        if (namespace.indexOf('\u0000') >= 0) {
            // The separator must not occur in a namespace, or two pairs could share a key.
            throw new IllegalArgumentException("namespace contains NUL");
        }
        return namespace + '\u0000' + value;
    }
}
