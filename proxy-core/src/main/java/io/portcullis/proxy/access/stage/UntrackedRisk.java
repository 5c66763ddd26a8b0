package io.portcullis.proxy.access.stage;

import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.RiskFacts;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;

/**
 * The risk stage of a config whose policies test no {@code risk} signal: no facts, and no history
 * kept. A history nobody reads would cost a lookup and a write per allowed request, and a retained
 * entry per subject (a flood of distinct subjects fills the heap with them). A reload that adds a
 * risk test switches to {@link TrackedRisk}, whose history starts then: until a subject is allowed
 * once more, its device and network are new, the cautious answer.
 */
public final class UntrackedRisk implements RiskStage {

    /** Stateless: one for all pipelines. */
    public static final UntrackedRisk INSTANCE = new UntrackedRisk();

    private UntrackedRisk() {
    }

    @Override
    public RiskFacts assess(AccessRequest request, AccessState state, IdentityFacts identity, DeviceFacts device) {
        return null;
    }

    @Override
    public void recordAllowed(AccessRequest request, AccessState state, IdentityFacts identity, DeviceFacts device) {
        // Nothing reads a history under this config.
    }
}
