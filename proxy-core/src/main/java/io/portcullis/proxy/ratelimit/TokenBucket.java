package io.portcullis.proxy.ratelimit;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills continuously, and each request takes
 * one. Thread-safe; the lock is held for a few arithmetic operations.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long last;

    TokenBucket(int capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / NANOS_PER_SECOND;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /** Takes a token: 0 when one was there, else how many nanoseconds until one will be. */
    synchronized long tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / refillPerNano));
    }

    /** Nanoseconds until the bucket is full again: after that, forgetting it loses nothing. */
    synchronized long nanosUntilFull(long nowNanos) {
        refill(nowNanos);
        return (long) Math.ceil((capacity - tokens) / refillPerNano);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
            last = nowNanos;
        }
    }
}
