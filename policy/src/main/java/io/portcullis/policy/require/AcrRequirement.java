package io.portcullis.policy.require;

import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.StepUp;
import java.util.List;

/**
 * {@code acr: [..]}: the {@code acr} claim must be one of the listed authentication context
 * classes; otherwise the user is sent to log in again at that level.
 */
public final class AcrRequirement implements Requirement {

    private static final String REASON = "acr-required";

    private final String[] accepted;

    public AcrRequirement(List<String> accepted) {
        this.accepted = accepted.toArray(new String[0]);
    }

    @Override
    public String unmetReason(PolicyInput input) {
        IdentityFacts identity = input.identity();
        Object acr = identity == null ? null : identity.claim("acr");
        for (String a : accepted) {
            if (a.equals(acr)) {
                return null;
            }
        }
        return REASON;
    }

    @Override
    public StepUp stepUp() {
        return new StepUp(false, null, List.of(accepted));
    }
}
