package io.portcullis.policy.compile;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.policy.criteria.CriterionParser;
import io.portcullis.policy.criteria.CriterionRegistry;
import io.portcullis.policy.logic.AllOf;
import io.portcullis.policy.logic.AnyOf;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.logic.Not;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles a rule (the value of {@code allow} or {@code deny}) into a {@link Condition} tree. A rule
 * is a map whose keys are criteria or the combinators {@code and}, {@code or}, {@code nor} (each a
 * non-empty list of rules) and {@code not} (a rule, or a list meaning not-and), or a reference to a
 * named condition ({@code condition: <name>}); several keys in one map are AND-ed. Problems are
 * collected, not thrown, so one run reports all of them.
 */
public final class RuleCompiler {

    private static final List<String> COMBINATORS = List.of("and", "or", "nor", "not", "condition");

    private final CriterionRegistry registry;
    private final List<ConfigProblem> problems;
    private final NamedConditions conditions;
    /** References to named conditions whose problems were reported where the condition is written. */
    private int brokenReferences;

    public RuleCompiler(CriterionRegistry registry, List<ConfigProblem> problems) {
        this(registry, problems, NamedConditions.none());
    }

    public RuleCompiler(CriterionRegistry registry, List<ConfigProblem> problems, NamedConditions conditions) {
        this.registry = registry;
        this.problems = problems;
        this.conditions = conditions;
    }

    /** The compiled rule, or null when it had problems (they are added to the list). */
    public Condition compile(Node rule, String what) {
        int before = problems.size();
        int brokenBefore = brokenReferences;
        Condition c = rule(rule, what);
        return problems.size() == before && brokenReferences == brokenBefore ? c : null;
    }

    /** Compiles the named condition (for those no rule references), reporting its problems. */
    public Condition compileNamed(String name) {
        return conditions.compile(name, this);
    }

    private Condition rule(Node node, String what) {
        MapNode map;
        try {
            map = RuleNodes.map(node, what);
        } catch (InvalidRule e) {
            problems.add(e.problem());
            return null;
        }
        if (map.entries().isEmpty()) {
            problems.add(new ConfigProblem(map.position(), what + ": expected at least one criterion"));
            return null;
        }
        List<Condition> parts = new ArrayList<>();
        for (MapNode.Entry e : map.entries().values()) {
            parts.add(entry(e));
        }
        return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
    }

    private Condition entry(MapNode.Entry e) {
        return switch (e.key()) {
            case "and" -> new AllOf(list(e));
            case "or" -> new AnyOf(list(e));
            case "nor" -> new Not(new AnyOf(list(e)));
            case "not" -> new Not(e.value() instanceof ListNode ? new AllOf(list(e)) : rule(e.value(), "not"));
            case "condition" -> named(e);
            default -> criterion(e);
        };
    }

    private Condition named(MapNode.Entry e) {
        int before = problems.size();
        Condition c = conditions.resolve(e, this, problems);
        if (c == null && problems.size() == before) {
            brokenReferences++;
        }
        return c;
    }

    private Condition criterion(MapNode.Entry e) {
        CriterionParser parser = registry.get(e.key()).orElse(null);
        if (parser == null) {
            Set<String> known = new LinkedHashSet<>(registry.names());
            known.addAll(COMBINATORS);
            problems.add(new ConfigProblem(e.keyPosition(), "unknown criterion '" + e.key() + "'"
                    + Hints.suggest(e.key(), known)));
            return null;
        }
        try {
            return parser.parse(e);
        } catch (InvalidRule ex) {
            problems.add(ex.problem());
            return null;
        }
    }

    private List<Condition> list(MapNode.Entry e) {
        List<Condition> out = new ArrayList<>();
        if (!(e.value() instanceof ListNode list)) {
            problems.add(RuleNodes.mismatch(e.value(), e.key(), "a list of rules").problem());
            out.add(null);
            return out;
        }
        if (list.items().isEmpty()) {
            problems.add(new ConfigProblem(list.position(), e.key() + ": the list must not be empty"));
            out.add(null);
            return out;
        }
        for (Node item : list.items()) {
            out.add(rule(item, e.key()));
        }
        return out;
    }
}
