package io.portcullis.policy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.config.ConditionSpec;
import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.PolicySpec;
import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.config.yaml.YamlNodes;
import io.portcullis.policy.PolicyCompiler;
import io.portcullis.policy.PolicySet;
import io.portcullis.policy.compile.RuleCompiler;
import io.portcullis.policy.criteria.CriterionRegistry;
import io.portcullis.policy.logic.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns YAML text into compiled rules and policies the way a config load does, for tests. */
public final class PolicyYaml {

    public static final List<String> MFA_VALUES = List.of("mfa", "otp", "hwk");

    private PolicyYaml() {
    }

    public static Node parse(String yaml) {
        try {
            return YamlNodes.parse(yaml, "test.yaml");
        } catch (ConfigException e) {
            throw new AssertionError("test YAML does not parse: " + e.getMessage(), e);
        }
    }

    /** Compiles a rule written as a YAML map, failing the test if it has problems. */
    public static Condition rule(String yaml) {
        List<ConfigProblem> problems = new ArrayList<>();
        Condition c = new RuleCompiler(CriterionRegistry.standard(), problems).compile(parse(yaml), "allow");
        assertEquals(List.of(), problems, "rule should compile: " + yaml);
        return c;
    }

    /** The problems compiling a rule reports, formatted {@code test.yaml:L:C: message}. */
    public static List<String> ruleProblems(String yaml) {
        List<ConfigProblem> problems = new ArrayList<>();
        Condition c = new RuleCompiler(CriterionRegistry.standard(), problems).compile(parse(yaml), "allow");
        if (problems.isEmpty()) {
            throw new AssertionError("expected problems, but the rule compiled to " + c);
        }
        return problems.stream().map(ConfigProblem::format).toList();
    }

    /** The policy specs under a top-level {@code policies:} map. */
    public static Map<String, PolicySpec> specs(String yaml) {
        MapNode root = (MapNode) parse(yaml);
        MapNode policies = (MapNode) root.get("policies").orElseThrow();
        Map<String, PolicySpec> specs = new LinkedHashMap<>();
        for (MapNode.Entry e : policies.entries().values()) {
            MapNode p = (MapNode) e.value();
            List<ScalarNode> include = p.get("include").map(n -> ((ListNode) n).items().stream()
                    .map(ScalarNode.class::cast).toList()).orElse(List.of());
            String mode = p.get("mode").map(n -> ((ScalarNode) n).value()).orElse(null);
            specs.put(e.key(), new PolicySpec(e.key(), p.get("allow").orElse(null), p.get("deny").orElse(null),
                    p.get("require").orElse(null), p.get("challenge").orElse(null), include, mode, e.keyPosition()));
        }
        return specs;
    }

    /** The named conditions under a top-level {@code conditions:} map, if any. */
    public static Map<String, ConditionSpec> conditions(String yaml) {
        MapNode root = (MapNode) parse(yaml);
        Map<String, ConditionSpec> out = new LinkedHashMap<>();
        root.get("conditions").ifPresent(n -> ((MapNode) n).entries().values().forEach(
                e -> out.put(e.key(), new ConditionSpec(e.key(), e.value(), e.keyPosition()))));
        return out;
    }

    public static PolicySet policies(String yaml) {
        try {
            return PolicyCompiler.compile(specs(yaml), conditions(yaml), MFA_VALUES);
        } catch (ConfigException e) {
            throw new AssertionError("policies should compile:\n" + e.getMessage(), e);
        }
    }

    /** The problems compiling policies reports, formatted {@code test.yaml:L:C: message}. */
    public static List<String> policyProblems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PolicyCompiler.compile(specs(yaml), conditions(yaml), MFA_VALUES));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }
}
