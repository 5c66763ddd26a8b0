package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.values.ValueTest;

/**
 * The common shape of criteria that test one claim with a {@link ValueTest}: a missing claim is
 * UNKNOWN. Subclasses fix the claim, the operators they accept and their reason codes.
 */
public abstract class ClaimValueCriterion extends IdentityCriterion {

    private final ClaimPath claim;
    private final ValueTest test;

    protected ClaimValueCriterion(Position position, ClaimPath claim, ValueTest test) {
        super(position);
        this.claim = claim;
        this.test = test;
    }

    @Override
    protected Tri evaluate(IdentityFacts identity, PolicyInput input) {
        Object value = claim.read(identity.claims());
        return value == null ? Tri.UNKNOWN : test.test(value);
    }

    @Override
    public String failReason(PolicyInput input) {
        return failReason();
    }

    /** The reason code for a refusal; it does not depend on the input. */
    protected abstract String failReason();

    @Override
    public String missingFact() {
        return "claim." + claim.name();
    }
}
