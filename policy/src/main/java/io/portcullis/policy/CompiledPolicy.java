package io.portcullis.policy;

import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.require.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy as {@link PolicyCompiler} builds it: deny tree, allow tree and requirements, evaluated
 * deny first. Immutable; {@link #evaluate} does not allocate until it builds the decision.
 */
final class CompiledPolicy implements Policy {

    private final String id;
    private final Condition allow;
    private final Condition deny;
    private final Requirement[] requirements;
    private final boolean allowsAnonymous;

    CompiledPolicy(String id, Condition allow, Condition deny, List<Requirement> requirements) {
        this.id = id;
        this.allow = allow;
        this.deny = deny;
        this.requirements = requirements.toArray(new Requirement[0]);
        this.allowsAnonymous = allow != null && requirements.isEmpty()
                && allow.outcomesWithoutIdentity().contains(Tri.TRUE);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Decision evaluate(PolicyInput input) {
        if (deny != null && deny.evaluate(input) != Tri.FALSE) {
            return explained(Outcome.DENY, deny, input, true, "deny");
        }
        if (allow == null) {
            return new Decision(Outcome.DENY, List.of("no-allow-rule"), id, "default");
        }
        if (allow.evaluate(input) != Tri.TRUE) {
            return explained(Outcome.DENY, allow, input, true, "allow");
        }
        List<String> unmet = null;
        for (Requirement r : requirements) {
            String reason = r.unmetReason(input);
            if (reason != null) {
                unmet = unmet == null ? new ArrayList<>(2) : unmet;
                unmet.add(reason);
            }
        }
        if (unmet != null) {
            return new Decision(Outcome.CHALLENGE, unmet, id, "require");
        }
        return explained(Outcome.ALLOW, allow, input, false, "allow");
    }

    private Decision explained(Outcome outcome, Condition rule, PolicyInput input, boolean failing, String part) {
        List<String> reasons = new ArrayList<>(4);
        rule.explain(input, failing, reasons);
        return new Decision(outcome, reasons, id, part);
    }

    @Override
    public boolean allowsAnonymous() {
        return allowsAnonymous;
    }

    @Override
    public String toString() {
        return "Policy[" + id + "]";
    }
}
