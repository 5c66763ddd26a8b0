package io.portcullis.identity.replay;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Remembers one-time values for as long as they could be replayed. {@link #firstUse} answers true
 * exactly once per value (across replicas, for a shared implementation); every later call within
 * {@code ttl} answers false. A guard that cannot tell (its store unreachable) completes
 * exceptionally: callers fail closed and refuse the value.
 */
public interface ReplayGuard {

    /**
     * Records {@code value} in {@code namespace} (e.g. {@code dpop} or an event transmitter's id) if
     * it was not seen before.
     *
     * @param ttl how long the value must be remembered: at least as long as its issuer would still
     *            accept it (the proof's or event's acceptance window)
     * @return true when this is the first use, false for a replay
     */
    CompletionStage<Boolean> firstUse(String namespace, String value, Duration ttl);
}
