package io.portcullis.policy.logic;

import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import java.util.EnumSet;
import java.util.List;

/** Kleene negation: UNKNOWN stays UNKNOWN, so negating a missing fact never makes it known. */
public final class Not implements Condition {

    private final Condition child;

    public Not(Condition child) {
        this.child = child;
    }

    @Override
    public Tri evaluate(PolicyInput input) {
        return child.evaluate(input).not();
    }

    @Override
    public void explain(PolicyInput input, boolean failing, List<String> reasons) {
        child.explain(input, failing, reasons);
    }

    @Override
    public List<String> fixedReasons(Tri value, boolean failing) {
        return child.fixedReasons(value.not(), failing);
    }

    @Override
    public EnumSet<Tri> outcomesWithoutIdentity() {
        return negated(child.outcomesWithoutIdentity());
    }

    @Override
    public EnumSet<Tri> possibleOutcomes() {
        return negated(child.possibleOutcomes());
    }

    private static EnumSet<Tri> negated(EnumSet<Tri> values) {
        EnumSet<Tri> out = EnumSet.noneOf(Tri.class);
        for (Tri t : values) {
            out.add(t.not());
        }
        return out;
    }

    @Override
    public void collectCriteria(List<Criterion> out) {
        child.collectCriteria(out);
    }
}
