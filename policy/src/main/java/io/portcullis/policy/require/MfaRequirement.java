package io.portcullis.policy.require;

import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.StepUp;
import java.util.List;

/**
 * {@code mfa: true}: the {@code amr} claim (a list, or a single string) must contain one of the
 * configured MFA method values, e.g. {@code mfa}, {@code otp}, {@code hwk}.
 */
public final class MfaRequirement implements Requirement {

    static final String REASON = "mfa-required";

    private final String[] mfaValues;

    public MfaRequirement(List<String> mfaValues) {
        this.mfaValues = mfaValues.toArray(new String[0]);
    }

    @Override
    public String unmetReason(PolicyInput input) {
        IdentityFacts identity = input.identity();
        if (identity == null) {
            return REASON;
        }
        Object amr = identity.claim("amr");
        if (amr instanceof List<?> list) {
            // Indexed, not for-each: claim lists are random access, and this spares an iterator per request.
            for (int i = 0; i < list.size(); i++) {
                if (isMfa(list.get(i))) {
                    return null;
                }
            }
            return REASON;
        }
        return isMfa(amr) ? null : REASON;
    }

    @Override
    public StepUp stepUp() {
        return new StepUp(true, null, List.of());
    }

    private boolean isMfa(Object method) {
        for (String v : mfaValues) {
            if (v.equals(method)) {
                return true;
            }
        }
        return false;
    }
}
