package io.portcullis.policy;

import io.portcullis.config.Position;
import io.portcullis.policy.criteria.AuthZenCriterion;
import io.portcullis.policy.criteria.RiskSignalCriterion;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.logic.Criterion;
import io.portcullis.policy.require.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A policy as {@link PolicyCompiler} builds it: deny tree, allow tree, requirements and challenge
 * rules, evaluated deny first, with those of included policies already merged in. Immutable;
 * {@link #evaluate} does not allocate until it builds the decision, and not at all for an ALLOW
 * whose explanation does not depend on the request.
 */
final class CompiledPolicy implements Policy {

    private final String id;
    private final Condition allow;
    private final Condition deny;
    private final List<Requirement> requirements;
    private final StepUp stepUp;
    private final ChallengeRule[] challenges;
    private final boolean shadow;
    private final Position allowPosition;
    private final boolean allowsAnonymous;
    private final List<PdpQuery> pdpQueries;
    private final boolean readsRisk;
    /** The ALLOW every allowed request gets when its explanation is the same for all; else null. */
    private final Decision fixedAllow;

    /**
     * @param allowPosition where {@code allow} was written, for lint warnings; null without allow
     */
    CompiledPolicy(String id, Condition allow, Condition deny, List<Requirement> requirements,
            List<ChallengeRule> challenges, boolean shadow, Position allowPosition) {
        this.id = id;
        this.allow = allow;
        this.deny = deny;
        this.requirements = List.copyOf(requirements);
        this.stepUp = ChallengeRule.stepUpOf(requirements);
        this.challenges = challenges.toArray(new ChallengeRule[0]);
        this.shadow = shadow;
        this.allowPosition = allowPosition;
        this.allowsAnonymous = allow != null && requirements.isEmpty()
                && allow.outcomesWithoutIdentity().contains(Tri.TRUE);
        List<String> allowReasons = allow == null ? null : allow.fixedReasons(Tri.TRUE, false);
        this.fixedAllow = allowReasons == null ? null : new Decision(Outcome.ALLOW, allowReasons, id, "allow");
        List<Criterion> criteria = criteria(allow, deny, challenges);
        this.pdpQueries = pdpQueries(criteria);
        this.readsRisk = criteria.stream().anyMatch(c -> c instanceof RiskSignalCriterion);
    }

    /** Every criterion of the deny, allow and challenge rules. */
    private static List<Criterion> criteria(Condition allow, Condition deny, List<ChallengeRule> challenges) {
        List<Criterion> criteria = new ArrayList<>();
        if (deny != null) {
            deny.collectCriteria(criteria);
        }
        if (allow != null) {
            allow.collectCriteria(criteria);
        }
        for (ChallengeRule rule : challenges) {
            rule.when().collectCriteria(criteria);
        }
        return criteria;
    }

    /** The queries of every {@code authzen} criterion. */
    private static List<PdpQuery> pdpQueries(List<Criterion> criteria) {
        Set<PdpQuery> queries = new LinkedHashSet<>();
        for (Criterion c : criteria) {
            if (c instanceof AuthZenCriterion a) {
                queries.add(a.query());
            }
        }
        return List.copyOf(queries);
    }

    @Override
    public List<PdpQuery> pdpQueries() {
        return pdpQueries;
    }

    @Override
    public boolean readsRisk() {
        return readsRisk;
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
        List<String> unmet = unmet(requirements, input);
        if (unmet != null) {
            return new Decision(Outcome.CHALLENGE, unmet, id, "require", stepUp);
        }
        Decision challenge = challenge(input);
        if (challenge != null) {
            return challenge;
        }
        return fixedAllow != null ? fixedAllow : explained(Outcome.ALLOW, allow, input, false, "allow");
    }

    /** Every challenge rule whose {@code when} is not FALSE and whose requirements are not met, together. */
    private Decision challenge(PolicyInput input) {
        List<String> reasons = null;
        StepUp needed = stepUp;
        for (ChallengeRule rule : challenges) {
            if (rule.when().evaluate(input) == Tri.FALSE) {
                continue;
            }
            List<String> unmet = unmet(rule.require(), input);
            if (unmet != null) {
                reasons = reasons == null ? new ArrayList<>(4) : reasons;
                List<String> why = new ArrayList<>(2);
                rule.when().explain(input, true, why);
                addNew(reasons, why);
                addNew(reasons, unmet);
                needed = needed.and(rule.stepUp());
            }
        }
        return reasons == null ? null : new Decision(Outcome.CHALLENGE, reasons, id, "challenge", needed);
    }

    /** The reasons of the unmet requirements, without duplicates; null when all are met. */
    private static List<String> unmet(List<Requirement> requirements, PolicyInput input) {
        List<String> unmet = null;
        for (int i = 0; i < requirements.size(); i++) {
            String reason = requirements.get(i).unmetReason(input);
            if (reason != null) {
                unmet = unmet == null ? new ArrayList<>(2) : unmet;
                if (!unmet.contains(reason)) {
                    unmet.add(reason);
                }
            }
        }
        return unmet;
    }

    private static void addNew(List<String> into, List<String> reasons) {
        for (String r : reasons) {
            if (!into.contains(r)) {
                into.add(r);
            }
        }
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
    public boolean isShadow() {
        return shadow;
    }

    /** The allow tree, or null; for lint. */
    Condition allow() {
        return allow;
    }

    /** Where {@code allow} was written, or null; for lint. */
    Position allowPosition() {
        return allowPosition;
    }

    @Override
    public String toString() {
        return "Policy[" + id + "]";
    }
}
