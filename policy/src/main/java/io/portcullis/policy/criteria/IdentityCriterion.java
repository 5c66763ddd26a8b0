package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.logic.Criterion;

/** A criterion about the verified identity: UNKNOWN for an anonymous request. */
public abstract class IdentityCriterion extends Criterion {

    protected IdentityCriterion(Position position) {
        super(position);
    }

    @Override
    public final Tri evaluate(PolicyInput input) {
        IdentityFacts identity = input.identity();
        return identity == null ? Tri.UNKNOWN : evaluate(identity, input);
    }

    /** Decides for a present identity. */
    protected abstract Tri evaluate(IdentityFacts identity, PolicyInput input);

    @Override
    protected final boolean readsIdentity() {
        return true;
    }
}
