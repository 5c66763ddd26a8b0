package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.logic.Criterion;
import io.portcullis.policy.logic.Exclusive;
import java.util.EnumSet;

/**
 * {@code authenticated: true|false}: whether the request carries a verified identity. Presence is
 * always known, so this criterion is never UNKNOWN.
 */
public final class AuthenticatedCriterion extends Criterion implements Exclusive {

    private final boolean expected;

    AuthenticatedCriterion(Position position, boolean expected) {
        super(position);
        this.expected = expected;
    }

    public static AuthenticatedCriterion parse(MapNode.Entry entry) {
        return new AuthenticatedCriterion(entry.keyPosition(), RuleNodes.bool(entry.value(), "authenticated"));
    }

    /** {@code authenticated: true} and {@code authenticated: false} never both hold. */
    @Override
    public boolean excludes(Condition other) {
        return other instanceof AuthenticatedCriterion o && o.expected != expected;
    }

    @Override
    public EnumSet<Tri> possibleOutcomes() {
        return EnumSet.of(Tri.TRUE, Tri.FALSE);
    }

    @Override
    public Tri evaluate(PolicyInput input) {
        return Tri.of((input.identity() != null) == expected);
    }

    @Override
    public String passReason() {
        return expected ? "authenticated" : "unauthenticated";
    }

    @Override
    public String failReason(PolicyInput input) {
        return input.identity() != null ? "authenticated" : "unauthenticated";
    }

    @Override
    public String missingFact() {
        return null;
    }

    @Override
    protected boolean readsIdentity() {
        return true;
    }

    @Override
    public EnumSet<Tri> outcomesWithoutIdentity() {
        return EnumSet.of(Tri.of(!expected));
    }
}
