package io.portcullis.proxy.state;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * One-time values in Redis ({@code SET NX PX}), with the process's own set as the fallback while the
 * store is down: a value replayed to another replica during an outage is then not caught (N replicas,
 * N uses at most), which the operations docs state.
 */
final class RedisReplaySet implements ReplaySet {

    private final RedisLink link;
    private final RedisKeys keys;
    private final LocalReplaySet fallback;
    private final StateEvents events;

    RedisReplaySet(RedisLink link, RedisKeys keys, LocalReplaySet fallback, StateEvents events) {
        this.link = link;
        this.keys = keys;
        this.fallback = fallback;
        this.events = events;
    }

    @Override
    public CompletionStage<Boolean> firstUse(String scope, String value, Duration lifetime) {
        // Remembered here too, so a value used before an outage is still refused during it.
        boolean locallyFirst = fallback.remember(scope, value, lifetime);
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            events.fallback("replay");
            return java.util.concurrent.CompletableFuture.completedFuture(locallyFirst);
        }
        long start = System.nanoTime();
        return redis.set(keys.once(scope, value), "1", SetArgs.Builder.nx().px(Math.max(1, lifetime.toMillis())))
                .handle((ok, failure) -> {
                    events.roundTrip("replay", System.nanoTime() - start, failure == null);
                    if (failure != null) {
                        events.fallback("replay");
                        return locallyFirst;
                    }
                    return locallyFirst && "OK".equals(ok);
                });
    }
}
