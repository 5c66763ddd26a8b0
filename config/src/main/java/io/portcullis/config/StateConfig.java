package io.portcullis.config;

/**
 * Where replicas keep what they must agree on (revocations, rate-limit buckets, risk history,
 * one-time values): {@code state.type}.
 *
 * @param type     {@link Type#MEMORY} (the default: one instance, nothing shared) or {@link Type#REDIS}
 * @param redis    the Redis connection; null for {@code memory}
 * @param position where the section was written (null when defaulted)
 */
public record StateConfig(Type type, RedisStateConfig redis, Position position) {

    /** The kinds of store. */
    public enum Type {
        /** In this process only: a single instance, {@code dev} mode and tests. */
        MEMORY,
        /** A Redis (or Valkey) server shared by every replica. */
        REDIS
    }

    public StateConfig {
        if (type == Type.REDIS && redis == null) {
            throw new IllegalArgumentException("state type redis needs its connection");
        }
    }

    /** The default: state in memory, nothing to configure. */
    public static StateConfig memory() {
        return new StateConfig(Type.MEMORY, null, null);
    }
}
