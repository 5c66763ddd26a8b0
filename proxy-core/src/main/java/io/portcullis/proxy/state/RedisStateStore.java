package io.portcullis.proxy.state;

import io.portcullis.identity.binding.DPoPNonceSource;
import io.portcullis.config.RedisStateConfig;
import io.portcullis.identity.revocation.Revocation;
import io.portcullis.identity.replay.MemoryReplayGuard;
import io.portcullis.identity.replay.ReplayGuard;
import io.portcullis.identity.revocation.Revocations;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * {@code state: redis}: revocations mirrored in memory and shared by pub/sub, buckets, one-time values
 * and risk history in Redis. Starts whether or not Redis answers: until it does, {@link #health} says
 * why, revocations are kept locally, and callers use their per-replica fallbacks.
 */
public final class RedisStateStore implements StateStore {

    private final MirroredRevocations revocations;
    private final RedisLink link;
    private final RedisBuckets buckets;
    private final RedisReplayGuard replays;
    private final RedisRiskHistory risk;
    private final SharedNonceSource nonces;

    public RedisStateStore(RedisStateConfig config, StateEvents events, Clock clock) {
        RedisKeys keys = new RedisKeys(config.keyPrefix());
        this.revocations = new MirroredRevocations(keys, clock, events);
        this.link = new RedisLink(config, keys.revocationChannel(), revocations, this::resync);
        revocations.attach(link);
        this.buckets = new RedisBuckets(link, keys, events);
        this.replays = new RedisReplayGuard(link, keys, new MemoryReplayGuard(MemoryStateStore.MAX_ONE_TIME_VALUES, clock), events);
        this.risk = new RedisRiskHistory(link, keys, events);
        this.nonces = new SharedNonceSource(link, keys, clock, events);
    }

    private void resync() {
        revocations.resync();
        // The link calls this on every (re)connection, the first included: so a replica started while Redis
        // was down adopts the shared nonce key as soon as it can.
        if (nonces != null) {
            nonces.read();
        }
    }

    @Override
    public Revocations revocations() {
        return revocations;
    }

    @Override
    public void onPublishedRevocation(Consumer<Revocation> observer) {
        revocations.observe(observer);
    }

    @Override
    public SharedBuckets buckets() {
        return buckets;
    }

    @Override
    public ReplayGuard replays() {
        return replays;
    }

    @Override
    public DPoPNonceSource nonces() {
        return nonces;
    }

    /** Whether DPoP nonces come from the key replicas share yet. */
    public boolean noncesShared() {
        return nonces.shared();
    }

    @Override
    public SharedRiskHistory riskHistory() {
        return risk;
    }

    @Override
    public StoreHealth health() {
        return link.health();
    }

    @Override
    public long mirrorSize() {
        return revocations.size();
    }

    /** Revocations taken while Redis was down and not written yet. */
    public int pendingRevocations() {
        return revocations.pendingCount();
    }

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public void close() {
        link.close();
    }
}
