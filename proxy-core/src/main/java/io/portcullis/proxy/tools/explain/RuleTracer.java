package io.portcullis.proxy.tools.explain;

import io.portcullis.config.ConditionSpec;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.PolicySpec;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.NamedConditions;
import io.portcullis.policy.compile.RuleCompiler;
import io.portcullis.policy.criteria.CriterionRegistry;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.logic.Criterion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates every criterion of a policy's deny rules (its own and those of the policies it includes),
 * allow rule and challenge {@code when} rules one by one, for {@code explain}. The
 * trees are compiled from the same YAML with the same compiler as the enforced policy, which stays
 * the authority on the decision itself: this only shows which criteria moved it.
 */
public final class RuleTracer {

    private final PortcullisConfig config;
    private final SourceSnippet snippets = new SourceSnippet();

    public RuleTracer(PortcullisConfig config) {
        this.config = config;
    }

    public List<CriterionTrace> trace(String policyId, PolicyInput input) {
        PolicySpec spec = config.policies().get(policyId);
        List<CriterionTrace> out = new ArrayList<>();
        if (spec == null) {
            return out;
        }
        RuleCompiler compiler = new RuleCompiler(CriterionRegistry.standard(), new ArrayList<ConfigProblem>(),
                new NamedConditions(config.conditions()));
        add(out, "deny", compiler, spec.deny(), input, true);
        for (String included : included(spec)) {
            add(out, "deny (from " + included + ")", compiler, config.policies().get(included).deny(), input, true);
        }
        add(out, "allow", compiler, spec.allow(), input, false);
        for (Node when : challengeWhens(spec.challenge())) {
            add(out, "challenge when", compiler, when, input, true);
        }
        return out;
    }

    /** Every policy {@code spec} includes, directly or not, each once, in include order. */
    private List<String> included(PolicySpec spec) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<PolicySpec> todo = new ArrayDeque<>(List.of(spec));
        while (!todo.isEmpty()) {
            for (ScalarNode id : todo.pop().include()) {
                PolicySpec next = config.policies().get(id.value());
                if (next != null && !next.id().equals(spec.id()) && seen.add(next.id())) {
                    todo.add(next);
                }
            }
        }
        return new ArrayList<>(seen);
    }

    /** The {@code when} rules of a {@code challenge} (one map or a list of them). */
    private static List<Node> challengeWhens(Node challenge) {
        List<Node> out = new ArrayList<>();
        List<Node> items = challenge instanceof ListNode list ? list.items()
                : challenge == null ? List.of() : List.of(challenge);
        for (Node item : items) {
            if (item instanceof MapNode map) {
                map.get("when").ifPresent(out::add);
            }
        }
        return out;
    }

    private void add(List<CriterionTrace> out, String part, RuleCompiler compiler, Node rule, PolicyInput input,
                     boolean deny) {
        if (rule != null) {
            walk(out, part, compiler, rule, input, deny, false, new ArrayDeque<>());
        }
    }

    /**
     * Walks the rule as written, so each criterion is seen with the negations above it ({@code not},
     * {@code nor}) and named conditions are followed to their own text.
     */
    private void walk(List<CriterionTrace> out, String part, RuleCompiler compiler, Node rule, PolicyInput input,
                      boolean deny, boolean negated, Deque<String> conditionsInUse) {
        if (!(rule instanceof MapNode map)) {
            return;
        }
        for (MapNode.Entry e : map.entries().values()) {
            switch (e.key()) {
                case "and", "or" -> items(e.value()).forEach(
                        n -> walk(out, part, compiler, n, input, deny, negated, conditionsInUse));
                case "nor" -> items(e.value()).forEach(
                        n -> walk(out, part, compiler, n, input, deny, !negated, conditionsInUse));
                case "not" -> items(e.value()).forEach(
                        n -> walk(out, part, compiler, n, input, deny, !negated, conditionsInUse));
                case "condition" -> {
                    String name = e.value() instanceof ScalarNode s ? s.value() : null;
                    ConditionSpec named = name == null ? null : config.conditions().get(name);
                    if (named != null && !conditionsInUse.contains(name)) {
                        conditionsInUse.push(name);
                        walk(out, part, compiler, named.rule(), input, deny, negated, conditionsInUse);
                        conditionsInUse.pop();
                    }
                }
                default -> out.add(criterion(part, compiler, e, input, deny, negated));
            }
        }
    }

    private static List<Node> items(Node node) {
        return node instanceof ListNode list ? list.items() : List.of(node);
    }

    private CriterionTrace criterion(String part, RuleCompiler compiler, MapNode.Entry e, PolicyInput input,
                                     boolean deny, boolean negated) {
        Condition c = compiler.compile(new MapNode(Map.of(e.key(), e), e.keyPosition()), part);
        if (!(c instanceof Criterion criterion)) {
            return new CriterionTrace(part, e.keyPosition(), snippets.at(e.keyPosition()), Tri.UNKNOWN, "-", false, negated);
        }
        Tri value = criterion.evaluate(input);
        Tri effective = negated ? value.not() : value;
        boolean refuses = deny ? effective != Tri.FALSE : effective != Tri.TRUE;
        // A criterion that does not work against the request in a deny rule simply did not fire.
        String reason = refuses ? criterion.failReason(input) : (deny ? "-" : criterion.passReason());
        return new CriterionTrace(part, e.keyPosition(), snippets.at(e.keyPosition()), value, reason, refuses, negated);
    }
}
