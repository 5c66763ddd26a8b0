package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;

/**
 * The shared shape of {@code email} and {@code email_domain}: read the address strictly (see
 * {@link EmailClaim}); missing, malformed or unverified is UNKNOWN.
 */
public abstract class EmailClaimCriterion extends IdentityCriterion {

    protected EmailClaimCriterion(Position position) {
        super(position);
    }

    @Override
    protected final Tri evaluate(IdentityFacts identity, PolicyInput input) {
        String email = EmailClaim.read(identity);
        return email == null ? Tri.UNKNOWN : Tri.of(matches(email));
    }

    /** Whether a well-formed, not unverified address satisfies the criterion. */
    protected abstract boolean matches(String email);

    @Override
    public final String missingFact() {
        return "claim.email";
    }
}
