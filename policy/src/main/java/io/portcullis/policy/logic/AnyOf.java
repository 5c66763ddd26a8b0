package io.portcullis.policy.logic;

import io.portcullis.policy.Tri;
import java.util.List;

/** Kleene disjunction: TRUE if any child is TRUE, FALSE if all are FALSE, otherwise UNKNOWN. */
public final class AnyOf extends Junction {

    public AnyOf(List<Condition> children) {
        super(children, Tri::or);
    }

    @Override
    Tri dominant() {
        return Tri.TRUE;
    }
}
