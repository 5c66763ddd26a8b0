package io.portcullis.proxy.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One-time values in this process, each kept for its lifetime. Bounded: past {@link #MAX_VALUES} the
 * oldest are forgotten first (a value can then be used twice; the bound is far above what a lifetime
 * of minutes holds at the proxy's request rates).
 */
final class LocalReplaySet implements ReplaySet {

    static final long MAX_VALUES = 1_000_000;

    private final Cache<String, Long> seen;
    private final Clock clock;

    LocalReplaySet(Clock clock) {
        this.clock = clock;
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.seen = Caffeine.newBuilder().executor(Runnable::run).maximumSize(MAX_VALUES).ticker(ticker)
                .expireAfter(new Expiry<String, Long>() {
                    @Override
                    public long expireAfterCreate(String key, Long until, long now) {
                        return Math.max(0, until * 1_000_000L - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Long until, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(String key, Long until, long now, long current) {
                        return current;
                    }
                }).build();
    }

    /** True when the value was not seen within its lifetime; it is remembered either way. */
    boolean remember(String scope, String value, Duration lifetime) {
        long until = clock.millis() + lifetime.toMillis();
        return seen.asMap().putIfAbsent(scope + '\u001f' + value, until) == null;
    }

    @Override
    public CompletionStage<Boolean> firstUse(String scope, String value, Duration lifetime) {
        return CompletableFuture.completedFuture(remember(scope, value, lifetime));
    }
}
