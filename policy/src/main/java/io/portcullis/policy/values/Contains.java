package io.portcullis.policy.values;

import io.portcullis.policy.Tri;
import java.util.List;

/**
 * {@code has}, {@code has_any}, {@code has_all} over a multi-valued value: a JSON list, or a single
 * scalar read as a list of one (IdPs emit {@code groups: "admins"} for a single group). An element
 * of another type makes the answer UNKNOWN unless a match was found.
 */
public final class Contains implements ValueTest {

    private final Literal[] wanted;
    private final boolean all;

    private Contains(List<Literal> wanted, boolean all) {
        this.wanted = wanted.toArray(new Literal[0]);
        this.all = all;
    }

    public static Contains any(List<Literal> wanted) {
        return new Contains(wanted, false);
    }

    public static Contains all(List<Literal> wanted) {
        return new Contains(wanted, true);
    }

    @Override
    public Tri test(Object fact) {
        Tri result = all ? Tri.TRUE : Tri.FALSE;
        for (Literal w : wanted) {
            Tri has = contains(fact, w);
            result = all ? result.and(has) : result.or(has);
        }
        return result;
    }

    private static Tri contains(Object fact, Literal wanted) {
        if (fact instanceof List<?> list) {
            Tri found = Tri.FALSE;
            for (int i = 0; i < list.size() && found != Tri.TRUE; i++) {
                found = found.or(wanted.matches(list.get(i)));
            }
            return found;
        }
        return wanted.matches(fact);
    }
}
