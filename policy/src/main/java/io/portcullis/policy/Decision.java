package io.portcullis.policy;

import java.util.List;

/**
 * The result of one evaluation.
 *
 * @param outcome allow, deny or challenge
 * @param reasons reason codes of the criteria that decided it (e.g. {@code groups-unauthorized},
 *                {@code device-not-compliant}, {@code mfa-required}); never empty
 * @param policy  id of the policy evaluated
 * @param rule    which part decided: {@code allow}, {@code deny}, {@code require}, {@code challenge}
 *                or {@code default}
 * @param stepUp  for a CHALLENGE, what the new login must satisfy; null otherwise
 */
public record Decision(Outcome outcome, List<String> reasons, String policy, String rule, StepUp stepUp) {

    public Decision {
        reasons = List.copyOf(reasons);
    }

    /** A decision that asks for no step-up. */
    public Decision(Outcome outcome, List<String> reasons, String policy, String rule) {
        this(outcome, reasons, policy, rule, null);
    }
}
