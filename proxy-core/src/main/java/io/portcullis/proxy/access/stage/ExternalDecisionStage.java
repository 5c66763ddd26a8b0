package io.portcullis.proxy.access.stage;

import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PdpAnswers;
import io.portcullis.proxy.access.AccessRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Asks external policy decision points what the route's policy needs to know ({@code authzen}
 * criteria), before the policy runs: the policy stays synchronous and reads the answers as a fact. Never
 * completes exceptionally; a question without an answer is unknown to the policy.
 */
public interface ExternalDecisionStage {

    /** "Nothing asked", completed and shared: a route without {@code authzen} criteria allocates nothing. */
    CompletableFuture<PdpAnswers> NOTHING_ASKED = CompletableFuture.completedFuture(null);

    /** No external PDPs (offline tools, a config without {@code authzen_pdps}). */
    ExternalDecisionStage NONE = (request, identity) -> NOTHING_ASKED;

    /**
     * @param identity the authenticated identity, or null when the request is anonymous
     * @return the answers, or null when nothing was asked
     */
    CompletableFuture<PdpAnswers> answers(AccessRequest request, IdentityFacts identity);
}
