package io.portcullis.proxy.access.stage;

import io.portcullis.proxy.access.AccessDecision;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.auth.Verdict;

/** Takes an allowed request from its caller's budget; runs only after the policy allowed it. */
public interface RateLimitStage {

    /** No limits (offline tools). */
    RateLimitStage NONE = (request, state, verdict) -> null;

    /** Null when the request may go on, else why it was refused for its rate. */
    AccessDecision.RateLimited acquire(AccessRequest request, AccessState state, Verdict allowed);
}
