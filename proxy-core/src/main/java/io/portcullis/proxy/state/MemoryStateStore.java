package io.portcullis.proxy.state;

import io.portcullis.identity.binding.DPoPNonceSource;
import io.portcullis.identity.binding.RotatingNonceSource;
import io.portcullis.identity.replay.MemoryReplayGuard;
import io.portcullis.identity.replay.ReplayGuard;
import io.portcullis.identity.revocation.LocalRevocations;
import io.portcullis.identity.revocation.Revocations;
import java.time.Clock;

/** {@code state: memory}: everything in this process; nothing shared, nothing to reach. */
public final class MemoryStateStore implements StateStore {

    /**
     * One-time values a replica remembers at most. A DPoP proof or an event lives minutes; a million
     * covers thousands of requests a second over such a window (about 100 MB at the bound).
     */
    static final long MAX_ONE_TIME_VALUES = 1_000_000;

    private final LocalRevocations revocations;
    private final MemoryReplayGuard replays;
    private final DPoPNonceSource nonces;

    public MemoryStateStore(Clock clock) {
        this.revocations = new LocalRevocations(clock);
        this.replays = new MemoryReplayGuard(MAX_ONE_TIME_VALUES, clock);
        this.nonces = RotatingNonceSource.withRandomKey(RotatingNonceSource.DEFAULT_PERIOD, clock);
    }

    @Override
    public Revocations revocations() {
        return revocations;
    }

    @Override
    public SharedBuckets buckets() {
        return null;
    }

    @Override
    public ReplayGuard replays() {
        return replays;
    }

    @Override
    public DPoPNonceSource nonces() {
        return nonces;
    }

    @Override
    public SharedRiskHistory riskHistory() {
        return null;
    }

    @Override
    public StoreHealth health() {
        return StoreHealth.UP;
    }

    @Override
    public long mirrorSize() {
        return revocations.size();
    }

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public void close() {
    }
}
