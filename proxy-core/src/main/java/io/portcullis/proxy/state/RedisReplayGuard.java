package io.portcullis.proxy.state;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.portcullis.identity.replay.MemoryReplayGuard;
import io.portcullis.identity.replay.ReplayGuard;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One-time values in Redis: one {@code SET key 1 NX PX ttl} per value, asynchronous, bounded by the
 * command timeout. Every value is also remembered in this replica's memory, which answers alone while
 * Redis cannot: a value replayed to another replica during an outage is then not caught (N replicas,
 * N uses at most within the value's window), a value already seen here still is. Why this and not
 * failing closed: docs/sender-constrained-tokens.md, "When Redis is down".
 */
final class RedisReplayGuard implements ReplayGuard {

    private final RedisLink link;
    private final RedisKeys keys;
    private final MemoryReplayGuard local;
    private final StateEvents events;

    RedisReplayGuard(RedisLink link, RedisKeys keys, MemoryReplayGuard local, StateEvents events) {
        this.link = link;
        this.keys = keys;
        this.local = local;
        this.events = events;
    }

    @Override
    public CompletionStage<Void> forget(String namespace, String value) {
        local.forget(namespace, value);
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            // Nothing was written to Redis for it while unreachable (firstUse answered from memory alone).
            return CompletableFuture.completedFuture(null);
        }
        long start = System.nanoTime();
        return redis.del(keys.once(namespace, value)).handle((n, failure) -> {
            events.roundTrip("replay", System.nanoTime() - start, failure == null);
            if (failure != null) {
                throw new java.util.concurrent.CompletionException(failure);
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Boolean> firstUse(String namespace, String value, Duration ttl) {
        // Remembered here first, so a value used before an outage is still refused during it.
        boolean locallyFirst = local.remember(namespace, value, ttl);
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            events.fallback("replay");
            return CompletableFuture.completedFuture(locallyFirst);
        }
        long start = System.nanoTime();
        return redis.set(keys.once(namespace, value), "1", SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())))
                .handle((ok, failure) -> {
                    events.roundTrip("replay", System.nanoTime() - start, failure == null);
                    if (failure != null) {
                        events.fallback("replay");
                        return locallyFirst;
                    }
                    // SET NX answers null when the key exists: another replica saw the value first.
                    return locallyFirst && "OK".equals(ok);
                });
    }
}
