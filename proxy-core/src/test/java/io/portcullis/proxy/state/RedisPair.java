package io.portcullis.proxy.state;

import io.portcullis.fixtures.RedisServerProcess;

/**
 * A real redis-server and two stores on it (two replicas), both connected. Skips the calling test,
 * saying how to install Redis, where the binary is absent.
 */
public final class RedisPair implements AutoCloseable {

    public final RedisServerProcess redis;
    public final RedisStateStore a;
    public final RedisStateStore b;

    private RedisPair(RedisServerProcess redis, RedisStateStore[] stores) {
        this.redis = redis;
        this.a = stores[0];
        this.b = stores[1];
    }

    public static RedisPair start(String prefix, StateEvents events) {
        RedisStores.assumeRedis();
        RedisServerProcess redis = RedisServerProcess.start();
        try {
            return new RedisPair(redis, RedisStores.connectedPair(redis, prefix, events));
        } catch (RuntimeException | Error e) {
            redis.close();
            throw e;
        }
    }

    @Override
    public void close() {
        a.close();
        b.close();
        redis.close();
    }
}
