package io.portcullis.policy.logic;

import io.portcullis.config.Position;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import java.util.EnumSet;
import java.util.List;

/**
 * A leaf of a rule tree: one test of one fact. Subclasses say which reason code names a pass and
 * which names a failure, and which fact, when missing, makes them {@link Tri#UNKNOWN}.
 */
public abstract class Criterion implements Condition {

    private final Position position;

    protected Criterion(Position position) {
        this.position = position;
    }

    /** Where the criterion was written. */
    public Position position() {
        return position;
    }

    /** Reason code when the criterion supports allowing the request, e.g. {@code groups-authorized}. */
    public abstract String passReason();

    /** Reason code when the criterion refuses (FALSE in allow, TRUE or UNKNOWN in deny). */
    public abstract String failReason(PolicyInput input);

    /**
     * The fact whose absence makes this criterion UNKNOWN, as {@code claim.<name>} or
     * {@code device.<attribute>} (for lint warnings), or null when the criterion is always decided.
     */
    public abstract String missingFact();

    /** Whether the criterion reads the identity; such criteria are UNKNOWN for anonymous requests. */
    protected abstract boolean readsIdentity();

    /** Adds this criterion's reason unless an earlier criterion already gave the same one. */
    @Override
    public void explain(PolicyInput input, boolean failing, List<String> reasons) {
        String reason = failing ? failReason(input) : passReason();
        if (!reasons.contains(reason)) {
            reasons.add(reason);
        }
    }

    /** A pass reason is the same for every input; a failure reason may name what the input lacks. */
    @Override
    public List<String> fixedReasons(Tri value, boolean failing) {
        return failing ? null : List.of(passReason());
    }

    @Override
    public EnumSet<Tri> outcomesWithoutIdentity() {
        return readsIdentity() ? EnumSet.of(Tri.UNKNOWN) : EnumSet.allOf(Tri.class);
    }

    @Override
    public void collectCriteria(List<Criterion> out) {
        out.add(this);
    }
}
