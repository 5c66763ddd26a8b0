package io.portcullis.proxy.state;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Rate-limit buckets in Redis: one {@code EVALSHA} of {@link Scripts#GCRA} per request. */
final class RedisBuckets implements SharedBuckets {

    private final RedisLink link;
    private final RedisKeys keys;
    private final StateEvents events;

    RedisBuckets(RedisLink link, RedisKeys keys, StateEvents events) {
        this.link = link;
        this.keys = keys;
        this.events = events;
    }

    @Override
    public CompletionStage<Long> take(String key, int burst, double perSecond) {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("state store not connected"));
        }
        double intervalMicros = 1_000_000d / perSecond;
        long start = System.nanoTime();
        return Scripts.GCRA.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {keys.bucket(key)},
                        Double.toString(intervalMicros), Double.toString(intervalMicros * burst))
                .whenComplete((wait, failure) -> events.roundTrip("rate_limit", System.nanoTime() - start, failure == null))
                .thenApply(waitMicros -> waitMicros == 0 ? 0L : waitMicros * 1_000L);
    }
}
