package io.portcullis.proxy.state;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * One-time values: the first {@link #firstUse} of a value within its lifetime answers true, every
 * later one false, across replicas when the store is shared. For DPoP proof and security-event
 * {@code jti}s: the lifetime is how long a proof or event could still be accepted.
 */
public interface ReplaySet {

    /**
     * Records the value; true when it was not seen before.
     *
     * @param scope what kind of value it is (e.g. {@code dpop}, {@code set}); values of two scopes never meet
     */
    CompletionStage<Boolean> firstUse(String scope, String value, Duration lifetime);
}
