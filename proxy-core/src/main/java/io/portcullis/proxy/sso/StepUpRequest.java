package io.portcullis.proxy.sso;

import io.portcullis.identity.oidc.StepUp;
import io.portcullis.policy.Decision;

/**
 * Turns a policy's challenge into what the login asks the IdP for: always {@code prompt=login} (the
 * session the IdP remembers is the one that fell short), plus the policy's {@code max_auth_age} as
 * {@code max_age} and its accepted {@code acr} values as {@code acr_values}. MFA has no standard
 * request parameter; {@code prompt=login} lets the IdP's own flow ask for the second factor.
 */
public final class StepUpRequest {

    private StepUpRequest() {
    }

    public static StepUp from(Decision decision) {
        io.portcullis.policy.StepUp required = decision == null ? null : decision.stepUp();
        if (required == null) {
            return new StepUp(true, null, java.util.List.of());
        }
        return new StepUp(true, required.maxAge() == null ? null : required.maxAge().getSeconds(), required.acrValues());
    }
}
