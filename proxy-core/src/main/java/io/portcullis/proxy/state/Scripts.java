package io.portcullis.proxy.state;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script run with {@code EVALSHA}, sent whole once when the server does not know it yet (after
 * a restart or a failover): one round trip in the usual case.
 */
final class Scripts {

    /** Writes one revocation (keeping the later time of two), prunes expired ones, and publishes it. */
    static final Scripts REVOKE = new Scripts("""
            local old = redis.call('HGET', KEYS[1], ARGV[1])
            local at, untl = tonumber(ARGV[2]), tonumber(ARGV[3])
            if old then
              local oat, ountl = string.match(old, '^(%d+):(%d+)$')
              if oat then
                at = math.max(at, tonumber(oat))
                untl = math.max(untl, tonumber(ountl))
              end
            end
            redis.call('HSET', KEYS[1], ARGV[1], string.format('%.0f:%.0f', at, untl))
            redis.call('ZADD', KEYS[2], untl, ARGV[1])
            local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[4], 'LIMIT', 0, 100)
            if #expired > 0 then
              redis.call('HDEL', KEYS[1], unpack(expired))
              redis.call('ZREM', KEYS[2], unpack(expired))
            end
            redis.call('PUBLISH', ARGV[5], ARGV[6])
            return 1
            """);

    /**
     * GCRA (the generic cell rate algorithm): one number per bucket, the theoretical arrival time, in
     * microseconds of the server's clock (so replicas' clocks never disagree). Allows {@code burst} at
     * once and one more every {@code interval}; answers 0 or the microseconds to wait.
     */
    static final Scripts GCRA = new Scripts("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval, tolerance = tonumber(ARGV[1]), tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1])) or now
            if tat < now then tat = now end
            local new_tat = tat + interval
            local allow_at = new_tat - tolerance
            if allow_at > now then
              return math.ceil(allow_at - now)
            end
            redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1)
            return 0
            """);

    /** Records a place in a subject's risk history, keeps the newest {@code ARGV[4]} places, expires after the window. */
    static final Scripts RISK_RECORD = new Scripts("""
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], ARGV[2], ARGV[3]) end
            local max = tonumber(ARGV[4])
            local excess = redis.call('HLEN', KEYS[1]) - max
            if excess > 0 then
              local all = redis.call('HGETALL', KEYS[1])
              local places = {}
              for i = 1, #all, 2 do places[#places + 1] = {all[i], tonumber(all[i + 1]) or 0} end
              table.sort(places, function(x, y) return x[2] < y[2] end)
              for i = 1, excess do redis.call('HDEL', KEYS[1], places[i][1]) end
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 1
            """);

    private final String source;
    private final String sha1;

    private Scripts(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    <T> CompletionStage<T> run(RedisAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys,
                               String... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        redis.<T>evalsha(sha1, type, keys, args).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else if (failure instanceof RedisNoScriptException || String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")) {
                redis.<T>eval(source, type, keys, args).whenComplete((v, f) -> {
                    if (f == null) {
                        result.complete(v);
                    } else {
                        result.completeExceptionally(f);
                    }
                });
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
