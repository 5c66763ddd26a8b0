package io.portcullis.proxy.state;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.portcullis.identity.revocation.LocalRevocations;
import io.portcullis.identity.revocation.Revocation;
import io.portcullis.identity.revocation.Revocations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocations shared through Redis and answered from memory. A revocation is applied here at once,
 * then written and published; the other replicas apply it when the message arrives. One that cannot be
 * written (the store is down) waits in {@code pending} and is written when the store is back. After
 * every (re)connection {@link #resync} re-reads the whole set, so a message missed while disconnected
 * is not missed for good, and writes back whatever this replica knows that the store lost (a restart
 * without persistence): nothing revoked is lost while one replica remembers it.
 */
final class MirroredRevocations extends RedisPubSubAdapter<String, String> implements Revocations {

    private static final Logger LOG = LoggerFactory.getLogger(MirroredRevocations.class);

    private final LocalRevocations local;
    private final RedisKeys keys;
    private final Clock clock;
    private final StateEvents events;
    private final Queue<Revocation> pending = new ConcurrentLinkedQueue<>();
    private volatile RedisLink link;
    private volatile Consumer<Revocation> observer = r -> { };

    MirroredRevocations(RedisKeys keys, Clock clock, StateEvents events) {
        this.local = new LocalRevocations(clock);
        this.keys = keys;
        this.clock = clock;
        this.events = events;
    }

    void attach(RedisLink link) {
        this.link = link;
    }

    void observe(Consumer<Revocation> next) {
        this.observer = next;
    }

    @Override
    public void revoke(Revocation revocation) {
        local.revoke(revocation);
        write(revocation);
    }

    @Override
    public Instant revokedAt(Revocation.Kind kind, String issuerId, String value) {
        return local.revokedAt(kind, issuerId, value);
    }

    @Override
    public boolean noneOf(Revocation.Kind kind) {
        return local.noneOf(kind);
    }

    /** Revocations in the mirror. */
    long size() {
        return local.size();
    }

    /** Revocations taken while the store was down and not written yet. */
    int pendingCount() {
        return pending.size();
    }

    private void write(Revocation r) {
        RedisLink l = link;
        RedisAsyncCommands<String, String> redis = l == null ? null : l.commands();
        if (redis == null) {
            pending.add(r);
            events.fallback("revoke");
            return;
        }
        long start = System.nanoTime();
        long now = clock.millis();
        String message = now + ":" + r.at().toEpochMilli() + ":" + r.until().toEpochMilli() + "|" + r.key();
        Scripts.REVOKE.<Long>run(redis, ScriptOutputType.INTEGER,
                        new String[] {keys.revocations(), keys.revocationExpiry()},
                        r.key(), Long.toString(r.at().toEpochMilli()), Long.toString(r.until().toEpochMilli()),
                        Long.toString(now), keys.revocationChannel(), message)
                .whenComplete((ok, failure) -> {
                    events.roundTrip("revoke", System.nanoTime() - start, failure == null);
                    if (failure != null) {
                        pending.add(r);
                        events.fallback("revoke");
                        LOG.warn("state store: a revocation is kept locally until redis is back ({})",
                                Failures.describe(failure));
                    }
                });
    }

    /** A revocation published by any replica (this one included: applying it again changes nothing). */
    @Override
    public void message(String channel, String message) {
        int bar = message.indexOf('|');
        if (bar < 0) {
            return;
        }
        String[] times = message.substring(0, bar).split(":");
        if (times.length != 3) {
            return;
        }
        Revocation r = parse(message.substring(bar + 1), times[1] + ":" + times[2]);
        if (r != null) {
            local.revoke(r);
            try {
                events.pubSubLag(Math.max(0, clock.millis() - Long.parseLong(times[0])));
            } catch (NumberFormatException e) {
                // the revocation counts; only the lag is unknown
            }
            try {
                observer.accept(r);
            } catch (RuntimeException e) {
                // The mirror has it; a failing observer must not stop the subscription.
                LOG.warn("state store: a revocation observer failed: {}", e.toString());
            }
        }
    }

    /**
     * After a (re)connection: writes what waited, re-reads every revocation into the mirror, and writes
     * back those the store does not have. Runs on the store's own thread, bounded by the command timeout.
     */
    void resync() {
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            throw new IllegalStateException("not connected");
        }
        for (Revocation r; (r = pending.poll()) != null; ) {
            write(r);
        }
        Duration timeout = link.commandTimeout().multipliedBy(20);
        Map<String, String> remote;
        try {
            remote = redis.hgetall(keys.revocations()).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (Exception e) {
            throw new IllegalStateException("cannot re-read revocations: " + Failures.describe(e), e);
        }
        Map<String, Revocation> known = new HashMap<>();
        for (Map.Entry<String, String> e : remote.entrySet()) {
            Revocation r = parse(e.getKey(), e.getValue());
            if (r != null) {
                local.revoke(r);
                known.put(r.key(), r);
            }
        }
        int writtenBack = 0;
        for (Revocation mine : local.all()) {
            Revocation theirs = known.get(mine.key());
            if (theirs == null || theirs.at().isBefore(mine.at())) {
                write(mine);
                writtenBack++;
            }
        }
        if (writtenBack > 0) {
            LOG.info("state store: {} revocations mirrored, {} written back", local.size(), writtenBack);
        } else {
            LOG.debug("state store: {} revocations mirrored", local.size());
        }
    }

    /** A revocation from its key and {@code at:until}, or null when written by an unknown version. */
    private Revocation parse(String key, String times) {
        String[] parts = key.split("\u001f", 3);
        String[] t = times.split(":");
        if (parts.length != 3 || t.length != 2) {
            return null;
        }
        Revocation.Kind kind = Revocation.Kind.ofCode(parts[0]);
        if (kind == null) {
            return null;
        }
        try {
            return new Revocation(kind, parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(t[0])),
                    Instant.ofEpochMilli(Long.parseLong(t[1])));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
