package io.portcullis.proxy.state;

import io.portcullis.identity.revocation.Revocation;
import io.portcullis.identity.binding.DPoPNonceSource;
import io.portcullis.identity.replay.ReplayGuard;
import io.portcullis.identity.revocation.Revocations;
import java.util.function.Consumer;

/**
 * What replicas share. Every part answers from memory or asynchronously: no method blocks on the
 * network. Built once per process by {@link StateStores#open}; a config reload does not replace it
 * (a changed {@code state} section takes effect on restart).
 */
public interface StateStore extends AutoCloseable {

    /** Revocations, answered from memory; a write is effective here at once and shared when it can be. */
    Revocations revocations();

    /**
     * Tells {@code observer} of each revocation published by a replica (this one's own included), once
     * it is in the mirror, on the store's thread: so live connections here can be decided again. A
     * store without other replicas tells nothing: its revocations are all taken here.
     */
    default void onPublishedRevocation(Consumer<Revocation> observer) {
    }

    /** Rate-limit buckets shared by every replica, or null when buckets are per process. */
    SharedBuckets buckets();

    /** One-time values ({@code jti} of DPoP proofs and security events): each accepted once. */
    ReplayGuard replays();

    /**
     * Where DPoP server nonces ({@code DPoP-Nonce}) come from: a key every replica shares with a shared
     * store, so a nonce from one replica is good on all; this process's own key otherwise.
     */
    DPoPNonceSource nonces();

    /** Risk history shared by every replica, or null when it is per process. */
    SharedRiskHistory riskHistory();

    /** Whether the store can be reached now, and why not. */
    StoreHealth health();

    /** Revocations held in memory now (the mirror, for a shared store). */
    long mirrorSize();

    /** {@code memory} or {@code redis}, for logs and metrics. */
    String type();

    @Override
    void close();
}
