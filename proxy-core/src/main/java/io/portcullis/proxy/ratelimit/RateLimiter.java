package io.portcullis.proxy.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.portcullis.config.RateLimitConfig;
import java.util.function.LongSupplier;

/**
 * Per-route, per-caller token buckets in a bounded Caffeine map. A bucket is forgotten once it would
 * be full again (nothing is lost then), or, under pressure, least recently used first (that caller
 * then starts with a full bucket: the bound on memory wins over exactness). Survives config reloads;
 * a route whose limit changes gets new buckets, since the limit is part of the key.
 */
public final class RateLimiter {

    /** Buckets kept at most. */
    public static final long DEFAULT_MAX_BUCKETS = 200_000;

    private record Key(String route, RateLimitConfig limit, String caller) {
    }

    private final Cache<Key, TokenBucket> buckets;
    private final LongSupplier nanoTime;

    public RateLimiter(long maxBuckets, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        Ticker ticker = nanoTime::getAsLong;
        this.buckets = Caffeine.newBuilder()
                .executor(Runnable::run) // see RiskTracker: no pool wake-up per request
                .maximumSize(maxBuckets)
                .ticker(ticker)
                .expireAfter(new Expiry<Key, TokenBucket>() {
                    @Override
                    public long expireAfterCreate(Key key, TokenBucket bucket, long now) {
                        return bucket.nanosUntilFull(now);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, TokenBucket bucket, long now, long current) {
                        return bucket.nanosUntilFull(now);
                    }

                    @Override
                    public long expireAfterRead(Key key, TokenBucket bucket, long now, long current) {
                        return bucket.nanosUntilFull(now);
                    }
                })
                .build();
    }

    public RateLimiter() {
        this(DEFAULT_MAX_BUCKETS, System::nanoTime);
    }

    /**
     * Takes one request from the caller's bucket.
     *
     * @return 0 when allowed, else the seconds to wait (for {@code Retry-After}), at least 1
     */
    public long acquire(String route, RateLimitConfig limit, String caller) {
        long now = nanoTime.getAsLong();
        Key key = new Key(route, limit, caller);
        TokenBucket bucket = buckets.get(key, k -> new TokenBucket(limit.burst(), limit.refillPerSecond(), now));
        long wait = bucket.tryTake(now);
        // Re-put so the entry's expiry follows the bucket's new level (reads alone happen before the take).
        buckets.put(key, bucket);
        return wait == 0 ? 0 : Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
    }
}
