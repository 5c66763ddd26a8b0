package io.portcullis.policy.values;

import io.portcullis.policy.Tri;
import java.util.List;

/** {@code is: v} / {@code in: [..]}: the value equals one of the literals (Kleene or). */
public final class EqualsAny implements ValueTest {

    private final Literal[] literals;

    public EqualsAny(List<Literal> literals) {
        this.literals = literals.toArray(new Literal[0]);
    }

    @Override
    public Tri test(Object fact) {
        Tri result = Tri.FALSE;
        for (Literal l : literals) {
            result = result.or(l.matches(fact));
        }
        return result;
    }
}
