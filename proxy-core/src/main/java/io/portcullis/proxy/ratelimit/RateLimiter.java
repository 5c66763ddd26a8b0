package io.portcullis.proxy.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.portcullis.config.RateLimitConfig;
import io.portcullis.proxy.state.SharedBuckets;
import io.portcullis.proxy.state.StateEvents;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Per-route, per-caller rate limits. Without a shared store: token buckets in a bounded Caffeine map.
 * A bucket is forgotten once it would be full again (nothing is lost then), or, under pressure, least
 * recently used first (that caller then starts with a full bucket: the bound on memory wins over
 * exactness). Survives config reloads; a route whose limit changes gets new buckets, since the limit
 * is part of the key.
 *
 * <p>With a shared store ({@code state: redis}), {@link #acquireAsync} takes from one bucket all
 * replicas share, in one round trip, and falls back to this replica's bucket when the store cannot
 * answer (the limit is then per replica: N replicas allow N times it). {@link #acquire} never waits:
 * it decides on this replica's bucket and on the shared bucket's last answer for that caller, and
 * takes from the shared bucket in the background, so across replicas it may let a few requests past
 * the limit before the shared answer arrives; {@link #acquireAsync} is exact.
 */
public final class RateLimiter {

    /** Buckets kept at most. */
    public static final long DEFAULT_MAX_BUCKETS = 200_000;

    private record Key(String route, RateLimitConfig limit, String caller) {

        /** The shared bucket's name: the limit is part of it, as it is of the local key. */
        String shared() {
            return route + '\u001f' + limit.burst() + '/' + limit.refillPerSecond() + '\u001f' + caller;
        }
    }

    private final Cache<Key, TokenBucket> buckets;
    /** Until when (nanoTime) the shared bucket last said a caller must wait; for {@link #acquire}. */
    private final Cache<Key, Long> sharedDenials;
    private final LongSupplier nanoTime;
    private final SharedBuckets shared;
    private final StateEvents events;

    public RateLimiter(long maxBuckets, LongSupplier nanoTime) {
        this(maxBuckets, nanoTime, null, StateEvents.NONE);
    }

    /**
     * @param shared the store's buckets, or null for per-replica buckets only
     */
    public RateLimiter(long maxBuckets, LongSupplier nanoTime, SharedBuckets shared, StateEvents events) {
        this.nanoTime = nanoTime;
        this.shared = shared;
        this.events = events;
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
        this.sharedDenials = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxBuckets).ticker(ticker)
                .expireAfter(new Expiry<Key, Long>() {
                    @Override
                    public long expireAfterCreate(Key key, Long until, long now) {
                        return Math.max(0, until - now);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Long until, long now, long current) {
                        return Math.max(0, until - now);
                    }

                    @Override
                    public long expireAfterRead(Key key, Long until, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    public RateLimiter() {
        this(DEFAULT_MAX_BUCKETS, System::nanoTime);
    }

    /** True when requests are limited across replicas ({@code state: redis}). */
    public boolean shared() {
        return shared != null;
    }

    /**
     * Takes one request from the caller's bucket without waiting on anything.
     *
     * @return 0 when allowed, else the seconds to wait (for {@code Retry-After}), at least 1
     */
    public long acquire(String route, RateLimitConfig limit, String caller) {
        long now = nanoTime.getAsLong();
        Key key = new Key(route, limit, caller);
        if (shared != null) {
            Long deniedUntil = sharedDenials.getIfPresent(key);
            if (deniedUntil != null && deniedUntil > now) {
                return seconds(deniedUntil - now);
            }
        }
        long local = takeLocal(key, now);
        if (local == 0 && shared != null) {
            shared.take(key.shared(), limit.burst(), limit.refillPerSecond()).whenComplete((wait, failure) -> {
                if (failure != null) {
                    events.fallback("rate_limit");
                } else if (wait > 0) {
                    sharedDenials.put(key, nanoTime.getAsLong() + wait);
                }
            });
        }
        return local == 0 ? 0 : seconds(local);
    }

    /**
     * Takes one request from the bucket every replica shares, in one round trip; from this replica's
     * bucket when there is no shared store or it cannot answer within its command timeout. Completes
     * on the store's I/O thread: a caller on an event loop hops back to it before touching its state.
     *
     * @return 0 when allowed, else the seconds to wait (for {@code Retry-After}), at least 1
     */
    public CompletionStage<Long> acquireAsync(String route, RateLimitConfig limit, String caller) {
        if (shared == null) {
            return CompletableFuture.completedFuture(acquire(route, limit, caller));
        }
        Key key = new Key(route, limit, caller);
        return shared.take(key.shared(), limit.burst(), limit.refillPerSecond()).handle((wait, failure) -> {
            if (failure != null) {
                events.fallback("rate_limit");
                long local = takeLocal(key, nanoTime.getAsLong());
                return local == 0 ? 0L : seconds(local);
            }
            return wait == 0 ? 0L : seconds(wait);
        });
    }

    private long takeLocal(Key key, long now) {
        RateLimitConfig limit = key.limit();
        TokenBucket bucket = buckets.get(key, k -> new TokenBucket(limit.burst(), limit.refillPerSecond(), now));
        long wait = bucket.tryTake(now);
        // Re-put so the entry's expiry follows the bucket's new level (reads alone happen before the take).
        buckets.put(key, bucket);
        return wait;
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
