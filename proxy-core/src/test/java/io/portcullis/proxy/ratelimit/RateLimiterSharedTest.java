package io.portcullis.proxy.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.RateLimitConfig;
import io.portcullis.proxy.state.RedisPair;
import io.portcullis.proxy.state.RedisStores;
import io.portcullis.proxy.state.StateEvents;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link RateLimiter#acquireAsync} on two replicas sharing a real redis-server, and its fallback. */
class RateLimiterSharedTest {

    private final RateLimitConfig tenAMinute = RateLimiterTest.limit(10, 60, 10);
    private final AtomicInteger fallbacks = new AtomicInteger();
    private final StateEvents counting = new StateEvents() {
        @Override
        public void fallback(String operation) {
            fallbacks.incrementAndGet();
        }
    };
    private static long acquire(RateLimiter limiter, RateLimitConfig limit, String caller) throws Exception {
        return limiter.acquireAsync("api", limit, caller).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void theAsyncPathIsExactAcrossReplicas() throws Exception {
        try (RedisPair pair = RedisPair.start("rl-test:", StateEvents.NONE)) {
            exactAcross(new RateLimiter(1000, System::nanoTime, pair.a.buckets(), counting),
                    new RateLimiter(1000, System::nanoTime, pair.b.buckets(), counting));
        }
    }

    private void exactAcross(RateLimiter a, RateLimiter b) throws Exception {
        int allowed = 0;
        for (int i = 0; i < 40; i++) {
            long wait = acquire(i % 2 == 0 ? a : b, tenAMinute, "subject:corp\nalice");
            if (wait == 0) {
                allowed++;
            } else {
                assertTrue(wait >= 1 && wait <= 6, "Retry-After about one interval (6 s): " + wait);
            }
        }
        assertEquals(10, allowed);
        assertEquals(0, fallbacks.get());
    }

    @Test
    void withRedisDownEachReplicaFallsBackToItsOwnBucket() throws Exception {
        try (RedisPair pair = RedisPair.start("rl-test:", StateEvents.NONE)) {
            pair.redis.kill();
            RedisStores.eventually(Duration.ofSeconds(5), "the store is seen down",
                    () -> !pair.a.health().up() && !pair.b.health().up());
            perReplicaWhileDown(new RateLimiter(1000, System::nanoTime, pair.a.buckets(), counting),
                    new RateLimiter(1000, System::nanoTime, pair.b.buckets(), counting));
        }
    }

    private void perReplicaWhileDown(RateLimiter a, RateLimiter b) throws Exception {
        int allowed = 0;
        for (int i = 0; i < 40; i++) {
            if (acquire(i % 2 == 0 ? a : b, tenAMinute, "subject:corp\nbob") == 0) {
                allowed++;
            }
        }
        assertEquals(20, allowed, "N replicas: N times the limit, never unlimited");
        assertEquals(40, fallbacks.get(), "every fallback is counted");
    }
}
