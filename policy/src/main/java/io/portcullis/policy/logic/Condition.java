package io.portcullis.policy.logic;

import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import java.util.EnumSet;
import java.util.List;

/**
 * A compiled node of a rule tree: a criterion or a combinator. Built once per config load and
 * immutable, so one tree serves every request on every thread.
 */
public interface Condition {

    /** The three-valued answer for this input. Must not allocate: it runs on every request. */
    Tri evaluate(PolicyInput input);

    /**
     * Adds the reason codes of the criteria that made this node come out as it did. Called only once
     * a decision is known, so it may re-evaluate children.
     *
     * @param failing true when the decision refuses the request: a criterion then reports what is
     *                wrong (e.g. {@code groups-unauthorized}), otherwise what was satisfied
     */
    void explain(PolicyInput input, boolean failing, List<String> reasons);

    /**
     * The reasons {@link #explain} adds for every input on which this node's value is {@code value},
     * when they do not depend on the input; null when they might. Lets a policy build the explanation
     * of its ALLOW once at compile time instead of on every request.
     */
    default List<String> fixedReasons(Tri value, boolean failing) {
        return null;
    }

    /**
     * The values this node can take when the request carries no identity; used at compile time to
     * decide whether a policy can admit anonymous requests.
     */
    EnumSet<Tri> outcomesWithoutIdentity();

    /** Adds every criterion of this subtree, in the order written. */
    void collectCriteria(List<Criterion> out);

    /**
     * The values this node can take for some request, for lint. Sound, not complete: a value left
     * out can never occur, a value listed might still be impossible.
     */
    default EnumSet<Tri> possibleOutcomes() {
        return EnumSet.allOf(Tri.class);
    }
}
