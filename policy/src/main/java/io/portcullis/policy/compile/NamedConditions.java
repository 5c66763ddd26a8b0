package io.portcullis.policy.compile;

import io.portcullis.config.ConditionSpec;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.logic.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The top-level {@code conditions:} of a config, compiled on first reference and shared by every
 * rule that names them ({@code {condition: corp-network}}). Each is compiled once, so its problems
 * are reported once, at its own place. A reference to an unknown name, or one that leads back to
 * itself, is a problem at the reference.
 */
public final class NamedConditions {

    /** No named conditions. */
    public static NamedConditions none() {
        return new NamedConditions(Map.of());
    }

    private final Map<String, ConditionSpec> specs;
    private final Map<String, Condition> compiled = new HashMap<>();
    private final Set<String> failed = new LinkedHashSet<>();
    private final List<String> resolving = new ArrayList<>();
    private final Set<String> referenced = new LinkedHashSet<>();

    public NamedConditions(Map<String, ConditionSpec> specs) {
        this.specs = Map.copyOf(specs);
    }

    /** The names, in no particular order. */
    public Set<String> names() {
        return specs.keySet();
    }

    /** The spec of a name, or null. */
    public ConditionSpec spec(String name) {
        return specs.get(name);
    }

    /** Whether any rule compiled so far named the condition. */
    public boolean isReferenced(String name) {
        return referenced.contains(name);
    }

    /**
     * The compiled condition a {@code condition: <name>} entry names, or null when it cannot be had:
     * a problem is then added, unless the condition's own problems were already reported.
     */
    Condition resolve(MapNode.Entry reference, RuleCompiler compiler, List<ConfigProblem> problems) {
        ScalarNode nameNode;
        try {
            nameNode = RuleNodes.scalar(reference.value(), "condition");
        } catch (InvalidRule e) {
            problems.add(e.problem());
            return null;
        }
        String name = nameNode.value();
        ConditionSpec spec = specs.get(name);
        if (spec == null) {
            problems.add(new ConfigProblem(nameNode.position(), "unknown condition '" + name + "'"
                    + (specs.isEmpty() ? " (declare it under conditions)" : Hints.suggest(name, specs.keySet()))));
            return null;
        }
        referenced.add(name);
        if (resolving.contains(name)) {
            List<String> cycle = new ArrayList<>(resolving.subList(resolving.indexOf(name), resolving.size()));
            cycle.add(name);
            problems.add(new ConfigProblem(nameNode.position(), "condition '" + name + "' refers to itself: "
                    + String.join(" -> ", cycle)));
            return null;
        }
        return compile(name, compiler);
    }

    /** Compiles the named condition once; null when it has problems (reported at their own places). */
    Condition compile(String name, RuleCompiler compiler) {
        if (compiled.containsKey(name)) {
            return compiled.get(name);
        }
        if (failed.contains(name)) {
            return null;
        }
        resolving.add(name);
        Condition c = compiler.compile(specs.get(name).rule(), "conditions." + name);
        resolving.remove(resolving.size() - 1);
        if (c == null) {
            failed.add(name);
        } else {
            compiled.put(name, c);
        }
        return c;
    }
}
