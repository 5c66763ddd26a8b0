package io.portcullis.proxy.access.stage;

import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.RiskFacts;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;

/** Risk facts given by hand (a policy test case), for the offline tools; nothing is recorded. */
public final class GivenRisk implements RiskStage {

    private final RiskFacts risk;

    /** @param risk the facts, or null for none (every {@code risk} test UNKNOWN) */
    public GivenRisk(RiskFacts risk) {
        this.risk = risk;
    }

    @Override
    public RiskFacts assess(AccessRequest request, AccessState state, IdentityFacts identity, DeviceFacts device) {
        return risk;
    }

    @Override
    public void recordAllowed(AccessRequest request, AccessState state, IdentityFacts identity, DeviceFacts device) {
        // A tool's decision leaves no history.
    }
}
