package io.portcullis.proxy.access.stage;

import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicySet;
import io.portcullis.policy.RiskFacts;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;

/**
 * Risk facts for the policy, and the record of what was allowed. Both steps are explicit in the
 * pipeline: assess before the policy, record only after it allowed the request, so a device or
 * network becomes known only once a policy let it through.
 */
public interface RiskStage {

    /** The risk facts of an identified request, or null when none are computed. */
    RiskFacts assess(AccessRequest request, AccessState state, IdentityFacts identity, DeviceFacts device);

    /** Records that the policy allowed this identified request. */
    void recordAllowed(AccessRequest request, AccessState state, IdentityFacts identity, DeviceFacts device);

    /**
     * The stage for a config's policies: the listener's history ({@link TrackedRisk}) when one of them
     * tests a risk signal, else none ({@link UntrackedRisk}).
     */
    static RiskStage forPolicies(PolicySet policies) {
        return policies.readsRisk() ? TrackedRisk.INSTANCE : UntrackedRisk.INSTANCE;
    }
}
