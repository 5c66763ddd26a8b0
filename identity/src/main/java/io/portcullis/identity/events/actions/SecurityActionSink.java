package io.portcullis.identity.events.actions;

import java.util.concurrent.CompletionStage;

/**
 * Where actions go: the state store implements it (revocations written to the shared store and
 * mirrored on every replica; re-evaluation of live connections announced). Completes once the action
 * is recorded at least on this replica; completes exceptionally only when it could not even be kept
 * locally — the receiver then asks the transmitter to deliver the SET again. Must be idempotent: an
 * action can arrive twice (two copies of one SET racing, or a redelivery after a lost answer).
 */
public interface SecurityActionSink {

    CompletionStage<Void> apply(SecurityAction action);
}
