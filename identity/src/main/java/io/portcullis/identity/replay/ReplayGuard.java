package io.portcullis.identity.replay;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Remembers one-time values for as long as they could be replayed: DPoP proof {@code jti}s and
 * security event {@code jti}s go through the one guard of the process ({@code StateStore.replays()}
 * in proxy-core: Redis {@code SET NX PX} with {@code state: redis}, memory otherwise).
 * {@link #firstUse} answers true exactly once per value (across replicas, for a shared
 * implementation); every later call within {@code ttl} answers false. It never blocks the caller: a
 * shared implementation completes when its store answers, bounded by the store's command timeout. A
 * guard that cannot tell completes exceptionally and callers fail closed and refuse the value; the
 * Redis guard instead answers from its per-replica memory while Redis is unreachable (see
 * docs/sender-constrained-tokens.md, "When Redis is down").
 */
public interface ReplayGuard {

    /**
     * Records {@code value} in {@code namespace} (e.g. {@code dpop} or an event transmitter's id) if
     * it was not seen before. Values of two namespaces never meet.
     *
     * @param ttl how long the value must be remembered: at least as long as its issuer would still
     *            accept it (the proof's or event's acceptance window)
     * @return true when this is the first use, false for a replay
     */
    CompletionStage<Boolean> firstUse(String namespace, String value, Duration ttl);

    /**
     * Releases a value whose use was recorded but then could not be completed (a security event whose
     * actions could not be stored), so that its sender's retry counts as a first use again rather than a
     * replay. Completes when released; a guard that cannot release leaves the value used, which refuses the
     * retry: the default, for guards whose values are never released.
     */
    default CompletionStage<Void> forget(String namespace, String value) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
}
