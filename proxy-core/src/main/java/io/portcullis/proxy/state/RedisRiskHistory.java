package io.portcullis.proxy.state;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Risk history in Redis: one hash per subject ({@code d:} devices, {@code n:} networks → last allowed,
 * epoch millis), at most {@link #MAX_PLACES} places (the oldest go), expiring one window after the
 * last write.
 */
final class RedisRiskHistory implements SharedRiskHistory {

    /** Devices and networks together, as the in-memory history keeps 32 of each. */
    static final int MAX_PLACES = 64;

    private final RedisLink link;
    private final RedisKeys keys;
    private final StateEvents events;

    RedisRiskHistory(RedisLink link, RedisKeys keys, StateEvents events) {
        this.link = link;
        this.keys = keys;
        this.events = events;
    }

    @Override
    public CompletionStage<Places> load(String subjectKey) {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("state store not connected"));
        }
        long start = System.nanoTime();
        return redis.hgetall(keys.risk(subjectKey))
                .whenComplete((m, f) -> events.roundTrip("risk_load", System.nanoTime() - start, f == null))
                .thenApply(RedisRiskHistory::places);
    }

    private static Places places(Map<String, String> fields) {
        Map<String, Long> devices = new HashMap<>();
        Map<String, Long> networks = new HashMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            long at;
            try {
                at = Long.parseLong(e.getValue());
            } catch (NumberFormatException ignored) {
                continue;
            }
            if (e.getKey().startsWith("d:")) {
                devices.put(e.getKey().substring(2), at);
            } else if (e.getKey().startsWith("n:")) {
                networks.put(e.getKey().substring(2), at);
            }
        }
        return new Places(devices, networks);
    }

    @Override
    public void record(String subjectKey, String deviceId, String network, long nowMillis, Duration window) {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            events.fallback("risk_record");
            return;
        }
        long start = System.nanoTime();
        Scripts.RISK_RECORD.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {keys.risk(subjectKey)},
                        "n:" + network, deviceId == null ? "" : "d:" + deviceId, Long.toString(nowMillis),
                        Integer.toString(MAX_PLACES), Long.toString(window.toMillis()))
                .whenComplete((ok, failure) -> {
                    events.roundTrip("risk_record", System.nanoTime() - start, failure == null);
                    if (failure != null) {
                        events.fallback("risk_record");
                    }
                });
    }
}
