package io.portcullis.proxy.state;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.portcullis.identity.binding.DPoPNonceSource;
import io.portcullis.identity.binding.RotatingNonceSource;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DPoP server nonces from one key every replica shares, kept in Redis: the first replica to reach it
 * writes a random key ({@code SET NX}), every replica reads it, so a nonce handed out by one replica is
 * good on any other behind the same load balancer. Until Redis has answered (down at start, or the key
 * evicted and not yet read again) the replica uses a key of its own: its nonces are then good on it only,
 * and a client sent to another replica is asked once more for a nonce ({@code use_dpop_nonce}), never
 * let through without one. The key is read again after every reconnection and once per rotation
 * period, so replicas converge after an outage or an eviction.
 */
final class SharedNonceSource implements DPoPNonceSource {

    private static final Logger LOG = LoggerFactory.getLogger(SharedNonceSource.class);

    private final RedisLink link;
    private final String redisKey;
    private final Clock clock;
    private final StateEvents events;
    private final long periodMillis;
    private volatile Keyed current;
    private volatile long nextReadMillis;

    SharedNonceSource(RedisLink link, RedisKeys keys, Clock clock, StateEvents events) {
        this.link = link;
        this.redisKey = keys.dpopNonceKey();
        this.clock = clock;
        this.events = events;
        this.periodMillis = RotatingNonceSource.DEFAULT_PERIOD.toMillis();
        byte[] own = RotatingNonceSource.randomKey();
        this.current = new Keyed(own, new RotatingNonceSource(own, RotatingNonceSource.DEFAULT_PERIOD, clock), false);
    }

    @Override
    public String current() {
        readAgainWhenDue();
        return current.source().current();
    }

    @Override
    public boolean accepts(String nonce) {
        readAgainWhenDue();
        return current.source().accepts(nonce);
    }

    /** Whether the nonces come from the key replicas share (false until Redis has answered). */
    boolean shared() {
        return current.shared();
    }

    /** Reads the shared key, writing one first if there is none. Never blocks; a failure keeps the key in use. */
    void read() {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            return;
        }
        String candidate = Base64.getEncoder().encodeToString(RotatingNonceSource.randomKey());
        long start = System.nanoTime();
        redis.set(redisKey, candidate, SetArgs.Builder.nx())
                .thenCompose(written -> redis.get(redisKey))
                .whenComplete((value, failure) -> {
                    events.roundTrip("nonce-key", System.nanoTime() - start, failure == null);
                    if (failure != null) {
                        events.fallback("nonce-key");
                        return;
                    }
                    adopt(value);
                });
    }

    private void adopt(String value) {
        byte[] key;
        try {
            key = value == null ? null : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            key = null;
        }
        if (key == null || key.length < RotatingNonceSource.KEY_BYTES) {
            // Evicted between the two commands, or written by something else: the next read writes one.
            LOG.warn("the shared DPoP nonce key in Redis is missing or unusable; this replica's own key stays in use");
            events.fallback("nonce-key");
            return;
        }
        Keyed now = current;
        if (!now.shared() || !Arrays.equals(now.key(), key)) {
            current = new Keyed(key, new RotatingNonceSource(key, RotatingNonceSource.DEFAULT_PERIOD, clock), true);
        }
    }

    private void readAgainWhenDue() {
        long now = clock.millis();
        if (now >= nextReadMillis) {
            // Racing threads may both read: the answer is the same key.
            nextReadMillis = now + periodMillis;
            read();
        }
    }

    /** A key and the nonces it gives. */
    private record Keyed(byte[] key, RotatingNonceSource source, boolean shared) {
    }
}
