package io.portcullis.identity.revocation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Revocations in this process: each kept until its {@code until}, bounded (past {@link #MAX_ENTRIES}
 * the oldest go first, which can only make a revoked credential work again after that many newer
 * revocations: the bound on memory is stated in the operations docs). Lookups are lock-free reads.
 * This is the whole store for {@code state: memory} and the mirror of a shared store.
 */
public final class LocalRevocations implements Revocations {

    /** Entries kept at most. */
    public static final long MAX_ENTRIES = 1_000_000;

    private final Cache<String, Revocation> entries;
    private final Map<Revocation.Kind, LongAdder> perKind = new EnumMap<>(Revocation.Kind.class);
    private final Clock clock;

    public LocalRevocations(Clock clock) {
        this(MAX_ENTRIES, clock);
    }

    public LocalRevocations(long maxEntries, Clock clock) {
        this.clock = clock;
        for (Revocation.Kind k : Revocation.Kind.values()) {
            perKind.put(k, new LongAdder());
        }
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.entries = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxEntries).ticker(ticker)
                .expireAfter(new Expiry<String, Revocation>() {
                    @Override
                    public long expireAfterCreate(String key, Revocation r, long now) {
                        return nanosLeft(r, now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Revocation r, long now, long current) {
                        return nanosLeft(r, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Revocation r, long now, long current) {
                        return current;
                    }
                })
                .removalListener((String key, Revocation r, RemovalCause cause) -> {
                    if (r != null && cause != RemovalCause.REPLACED) {
                        perKind.get(r.kind()).decrement();
                    }
                })
                .build();
    }

    private static long nanosLeft(Revocation r, long nowNanos) {
        return Math.max(0, r.until().toEpochMilli() * 1_000_000L - nowNanos);
    }

    @Override
    public void revoke(Revocation revocation) {
        if (!revocation.until().isAfter(clock.instant())) {
            return;
        }
        entries.asMap().compute(revocation.key(), (key, old) -> {
            if (old == null) {
                perKind.get(revocation.kind()).increment();
                return revocation;
            }
            // A subject revoked twice keeps the later time (it ends more); the later until keeps it longest.
            Instant at = old.at().isAfter(revocation.at()) ? old.at() : revocation.at();
            Instant until = old.until().isAfter(revocation.until()) ? old.until() : revocation.until();
            return new Revocation(revocation.kind(), revocation.issuerId(), revocation.value(), at, until);
        });
    }

    @Override
    public Instant revokedAt(Revocation.Kind kind, String issuerId, String value) {
        Revocation r = entries.getIfPresent(Revocation.key(kind, issuerId, value));
        return r == null ? null : r.at();
    }

    @Override
    public boolean noneOf(Revocation.Kind kind) {
        return perKind.get(kind).sum() <= 0;
    }

    /** Every revocation still in force, for a shared store to write back after an outage. */
    public Collection<Revocation> all() {
        return List.copyOf(entries.asMap().values());
    }

    /** Entries kept now. */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
