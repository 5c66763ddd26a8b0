package io.portcullis.policy.logic;

import io.portcullis.policy.Tri;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** Kleene conjunction: FALSE if any child is FALSE, TRUE if all are TRUE, otherwise UNKNOWN. */
public final class AllOf extends Junction {

    public AllOf(List<Condition> children) {
        super(children, Tri::and);
    }

    @Override
    Tri dominant() {
        return Tri.FALSE;
    }

    /** As a junction, but never TRUE when two of its conjuncts exclude each other. */
    @Override
    public EnumSet<Tri> possibleOutcomes() {
        EnumSet<Tri> out = super.possibleOutcomes();
        List<Condition> conjuncts = new ArrayList<>();
        collectConjuncts(conjuncts);
        for (int i = 0; i < conjuncts.size(); i++) {
            for (int j = i + 1; j < conjuncts.size(); j++) {
                if (conjuncts.get(i) instanceof Exclusive e && e.excludes(conjuncts.get(j))) {
                    out.remove(Tri.TRUE);
                }
            }
        }
        return out;
    }

    /** The conditions this one ANDs, looking through nested conjunctions. */
    private void collectConjuncts(List<Condition> out) {
        for (Condition c : children()) {
            if (c instanceof AllOf nested) {
                nested.collectConjuncts(out);
            } else {
                out.add(c);
            }
        }
    }
}
