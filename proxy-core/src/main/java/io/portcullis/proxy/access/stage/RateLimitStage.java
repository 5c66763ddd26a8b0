package io.portcullis.proxy.access.stage;

import io.portcullis.proxy.access.AccessDecision;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.auth.Verdict;
import java.util.concurrent.CompletableFuture;

/**
 * Takes an allowed request from its caller's budget; runs only after the policy allowed it. A bucket
 * shared between replicas answers over the network, so the answer is a future; one kept in this
 * process answers at once (a completed future).
 */
public interface RateLimitStage {

    /** The answer "within its rate", shared: it allocates nothing on the routes without a limit. */
    CompletableFuture<AccessDecision.RateLimited> WITHIN_RATE = CompletableFuture.completedFuture(null);

    /** No limits (offline tools). */
    RateLimitStage NONE = (request, state, verdict) -> WITHIN_RATE;

    /** Completes with null when the request may go on, else with why it was refused for its rate. */
    CompletableFuture<AccessDecision.RateLimited> acquire(AccessRequest request, AccessState state, Verdict allowed);
}
