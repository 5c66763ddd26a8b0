package io.portcullis.proxy.state;

import io.portcullis.identity.revocation.LocalRevocations;
import io.portcullis.identity.revocation.Revocations;
import java.time.Clock;

/** {@code state: memory}: everything in this process; nothing shared, nothing to reach. */
public final class MemoryStateStore implements StateStore {

    private final LocalRevocations revocations;
    private final LocalReplaySet replays;

    public MemoryStateStore(Clock clock) {
        this.revocations = new LocalRevocations(clock);
        this.replays = new LocalReplaySet(clock);
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
    public ReplaySet replays() {
        return replays;
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
