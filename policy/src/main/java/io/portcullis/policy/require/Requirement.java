package io.portcullis.policy.require;

import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.StepUp;

/**
 * A condition on how the user logged in ({@code require}), checked only once {@code allow} passed.
 * Not meeting it is answered with a challenge (log in again, stronger), not a refusal.
 */
@FunctionalInterface
public interface Requirement {

    /** Null when met, otherwise the reason code ({@code mfa-required}, {@code auth-too-old}...). */
    String unmetReason(PolicyInput input);

    /** What a new login must show to meet this requirement, for the challenge sent to the client. */
    default StepUp stepUp() {
        return StepUp.NONE;
    }
}
