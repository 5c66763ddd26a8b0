package io.portcullis.policy;

import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.require.Requirement;
import java.util.List;

/**
 * One {@code challenge: {when, require}} of a policy: when {@code when} is TRUE or UNKNOWN (a risk
 * that cannot be ruled out counts as present), the stricter {@code require} must also be met.
 */
record ChallengeRule(Condition when, List<Requirement> require, StepUp stepUp) {

    ChallengeRule {
        require = List.copyOf(require);
    }

    /** The combined step-up of several requirements: each one's, the stricter winning. */
    static StepUp stepUpOf(List<Requirement> requirements) {
        StepUp out = StepUp.NONE;
        for (Requirement r : requirements) {
            out = out.and(r.stepUp());
        }
        return out;
    }
}
