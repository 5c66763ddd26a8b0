package io.portcullis.policy.logic;

import io.portcullis.policy.Tri;
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
}
