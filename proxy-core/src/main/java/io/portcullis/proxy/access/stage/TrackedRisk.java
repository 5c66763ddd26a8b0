package io.portcullis.proxy.access.stage;

import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.RiskFacts;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;

/** Risk from the listener's history ({@link AccessState#risk()}): new device, new network, and so on. */
public final class TrackedRisk implements RiskStage {

    /** Stateless: one for all pipelines. */
    public static final TrackedRisk INSTANCE = new TrackedRisk();

    private TrackedRisk() {
    }

    @Override
    public RiskFacts assess(AccessRequest request, AccessState state, IdentityFacts identity, DeviceFacts device) {
        return state.risk().assess(identity.issuer(), identity.subject(), device == null ? null : device.deviceId(),
                request.peer().client());
    }

    @Override
    public void recordAllowed(AccessRequest request, AccessState state, IdentityFacts identity, DeviceFacts device) {
        state.risk().allowed(identity.issuer(), identity.subject(), device == null ? null : device.deviceId(),
                request.peer().client());
    }
}
