package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.Tri;
import io.portcullis.policy.logic.Criterion;

/**
 * A criterion about the request itself (address, method, path). The proxy always supplies these,
 * so they raise no missing-attribute warning, but a missing one still fails closed as UNKNOWN.
 */
public abstract class RequestCriterion extends Criterion {

    private final String passReason;
    private final String failReason;

    protected RequestCriterion(Position position, String passReason, String failReason) {
        super(position);
        this.passReason = passReason;
        this.failReason = failReason;
    }

    @Override
    public final Tri evaluate(PolicyInput input) {
        RequestFacts request = input.request();
        return request == null ? Tri.UNKNOWN : evaluate(request);
    }

    /** Decides for a present request; a null field of it should give UNKNOWN. */
    protected abstract Tri evaluate(RequestFacts request);

    @Override
    public final String passReason() {
        return passReason;
    }

    @Override
    public final String failReason(PolicyInput input) {
        return failReason;
    }

    @Override
    public final String missingFact() {
        return null;
    }

    @Override
    protected final boolean readsIdentity() {
        return false;
    }
}
