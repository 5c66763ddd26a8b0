package io.portcullis.policy.logic;

import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The shared shape of {@link AllOf} and {@link AnyOf}: a fold of the children with a Kleene
 * operator. The children that decided are those whose value equals the result, for both.
 */
abstract class Junction implements Condition {

    private final Condition[] children;
    private final BinaryOperator<Tri> combine;

    Junction(List<Condition> children, BinaryOperator<Tri> combine) {
        if (children.isEmpty()) {
            throw new IllegalArgumentException("a junction needs at least one condition");
        }
        this.children = children.toArray(new Condition[0]);
        this.combine = combine;
    }

    /** The value that ends the fold early: FALSE for and, TRUE for or. */
    abstract Tri dominant();

    @Override
    public final Tri evaluate(PolicyInput input) {
        Tri result = children[0].evaluate(input);
        for (int i = 1; i < children.length && result != dominant(); i++) {
            result = combine.apply(result, children[i].evaluate(input));
        }
        return result;
    }

    /** Children whose values one {@code long} can hold, two bits each, for {@link #explain}. */
    private static final int REMEMBERED_CHILDREN = Long.SIZE / 2;

    @Override
    public final void explain(PolicyInput input, boolean failing, List<String> reasons) {
        if (children.length > REMEMBERED_CHILDREN) {
            Tri result = evaluate(input);
            for (Condition child : children) {
                if (child.evaluate(input) == result) {
                    child.explain(input, failing, reasons);
                }
            }
            return;
        }
        // Each child is evaluated once and its value kept (no allocation): the fold of all of them is
        // the node's value, as the dominant value absorbs whatever the short-circuit skipped.
        long values = 0;
        Tri result = null;
        for (int i = 0; i < children.length; i++) {
            Tri value = children[i].evaluate(input);
            values |= (long) value.ordinal() << (2 * i);
            result = result == null ? value : combine.apply(result, value);
        }
        for (int i = 0; i < children.length; i++) {
            if ((int) (values >>> (2 * i) & 3) == result.ordinal()) {
                children[i].explain(input, failing, reasons);
            }
        }
    }

    /**
     * Fixed only for the value every child must then have too (TRUE for and, FALSE for or): all
     * children are explained, in order, whatever the input. Any other value is explained by the
     * children that happened to share it, which depends on the input.
     */
    @Override
    public final List<String> fixedReasons(Tri value, boolean failing) {
        if (value != dominant().not()) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        for (Condition child : children) {
            List<String> fixed = child.fixedReasons(value, failing);
            if (fixed == null) {
                return null;
            }
            for (String reason : fixed) {
                if (!reasons.contains(reason)) {
                    reasons.add(reason);
                }
            }
        }
        return List.copyOf(reasons);
    }

    @Override
    public final EnumSet<Tri> outcomesWithoutIdentity() {
        return combineAll(Condition::outcomesWithoutIdentity);
    }

    @Override
    public EnumSet<Tri> possibleOutcomes() {
        return combineAll(Condition::possibleOutcomes);
    }

    /** Every value the fold can give when each child takes any of the values {@code values} allows it. */
    private EnumSet<Tri> combineAll(Function<Condition, EnumSet<Tri>> values) {
        EnumSet<Tri> acc = values.apply(children[0]);
        for (int i = 1; i < children.length; i++) {
            EnumSet<Tri> next = EnumSet.noneOf(Tri.class);
            for (Tri a : acc) {
                for (Tri b : values.apply(children[i])) {
                    next.add(combine.apply(a, b));
                }
            }
            acc = next;
        }
        return acc;
    }

    /** The children, for analysis by subclasses. */
    final List<Condition> children() {
        return List.of(children);
    }

    @Override
    public final void collectCriteria(List<Criterion> out) {
        for (Condition child : children) {
            child.collectCriteria(out);
        }
    }
}
