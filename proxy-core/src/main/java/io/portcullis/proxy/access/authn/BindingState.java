package io.portcullis.proxy.access.authn;

import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.binding.DPoPNonceSource;
import io.portcullis.identity.binding.RotatingNonceSource;
import io.portcullis.identity.binding.SenderConstraints;
import io.portcullis.identity.replay.MemoryReplayGuard;
import io.portcullis.identity.replay.ReplayGuard;

import java.time.Clock;
import java.util.List;

/**
 * What the sender-constraint checks share across config reloads: the proof replay guard (seen
 * {@code jti}s must stay seen when the config changes) and the server nonce source (a nonce handed out
 * before a reload must stay good after it). A running Portcullis passes its state store's guard, so
 * replicas sharing Redis see each other's proofs.
 *
 * @param replay where seen proof {@code jti}s are kept
 * @param nonces where {@code DPoP-Nonce} values come from
 * @param clock  the time proofs' {@code iat} is judged by
 */
public record BindingState(ReplayGuard replay, DPoPNonceSource nonces, Clock clock) {

    /** Upper bound on remembered proofs of one instance; a proof lives a few minutes at most. */
    public static final long MEMORY_REPLAY_ENTRIES = 500_000;

    /** A single instance's state: proofs remembered in memory, nonces from a random key. */
    public static BindingState inMemory(Clock clock) {
        return new BindingState(new MemoryReplayGuard(MEMORY_REPLAY_ENTRIES, clock),
                RotatingNonceSource.withRandomKey(RotatingNonceSource.DEFAULT_PERIOD, clock), clock);
    }

    /** The checks for one loaded config's issuers, sharing this state. */
    public SenderConstraints constraintsFor(List<IssuerConfig> issuers) {
        return SenderConstraints.build(issuers, replay, nonces, clock);
    }
}
