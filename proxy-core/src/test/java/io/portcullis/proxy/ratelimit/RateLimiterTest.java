package io.portcullis.proxy.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.config.Position;
import io.portcullis.config.RateLimitConfig;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    static final long SECOND = 1_000_000_000L;

    long now = 5 * SECOND;
    final RateLimiter limiter = new RateLimiter(1000, () -> now);

    static RateLimitConfig limit(int requests, int perSeconds, int burst) {
        return new RateLimitConfig("subject", requests, perSeconds, burst, Position.unknown("t"));
    }

    @Test
    void aBurstIsAllowedThenTheCallerWaitsForTheRefill() {
        RateLimitConfig l = limit(1, 10, 3);
        assertEquals(0, limiter.acquire("r", l, "alice"));
        assertEquals(0, limiter.acquire("r", l, "alice"));
        assertEquals(0, limiter.acquire("r", l, "alice"));
        assertEquals(10, limiter.acquire("r", l, "alice"), "one token per 10 s");
        now += 4 * SECOND;
        assertEquals(6, limiter.acquire("r", l, "alice"));
        now += 6 * SECOND;
        assertEquals(0, limiter.acquire("r", l, "alice"));
        assertEquals(10, limiter.acquire("r", l, "alice"), "a refused request took nothing, the allowed one did");
    }

    @Test
    void callersRoutesAndLimitsHaveTheirOwnBuckets() {
        RateLimitConfig l = limit(1, 60, 1);
        assertEquals(0, limiter.acquire("r", l, "alice"));
        assertEquals(60, limiter.acquire("r", l, "alice"));
        assertEquals(0, limiter.acquire("r", l, "bob"));
        assertEquals(0, limiter.acquire("other", l, "alice"));
        assertEquals(0, limiter.acquire("r", limit(2, 60, 1), "alice"), "a changed limit starts fresh");
    }

    @Test
    void aFullBucketThatIsForgottenLosesNothing() {
        RateLimitConfig l = limit(10, 1, 2);
        assertEquals(0, limiter.acquire("r", l, "alice"));
        assertEquals(0, limiter.acquire("r", l, "alice"));
        assertEquals(1, limiter.acquire("r", l, "alice"), "Retry-After is at least one second");
        now += 3600 * SECOND;
        assertEquals(0, limiter.acquire("r", l, "alice"));
        assertEquals(0, limiter.acquire("r", l, "alice"));
        assertEquals(1, limiter.acquire("r", l, "alice"));
    }
}
