package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.logic.Criterion;
import java.time.Instant;

/**
 * A criterion about when the request is made ({@link PolicyInput#now()}). The proxy always supplies
 * the time, so these raise no missing-attribute warning; without it they are UNKNOWN.
 */
public abstract class ClockCriterion extends Criterion {

    protected ClockCriterion(Position position) {
        super(position);
    }

    @Override
    public final Tri evaluate(PolicyInput input) {
        Instant now = input.now();
        return now == null ? Tri.UNKNOWN : Tri.of(holdsAt(now));
    }

    /** Whether the criterion holds at this instant. */
    protected abstract boolean holdsAt(Instant now);

    @Override
    public final String missingFact() {
        return null;
    }

    @Override
    protected final boolean readsIdentity() {
        return false;
    }
}
