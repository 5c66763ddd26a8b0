package io.portcullis.policy.values;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.compile.RuleNodes;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a map of value operators ({@code is, in, has, has_any, has_all, lt, lte, gt, gte, eq,
 * matches})
 * into one {@link ValueTest}. Criteria choose which operators they accept.
 */
public final class ValueTests {

    private ValueTests() {
    }

    /** Compiles every entry of an operator map (already checked against the allowed names). */
    public static ValueTest compile(MapNode operators, String what) {
        List<ValueTest> tests = new ArrayList<>();
        for (MapNode.Entry e : operators.entries().values()) {
            tests.add(compile(e.key(), e.value(), what + "." + e.key()));
        }
        return tests.size() == 1 ? tests.get(0) : new AllTests(tests);
    }

    /** Compiles one operator with its operand. */
    public static ValueTest compile(String operator, Node operand, String what) {
        return switch (operator) {
            case "is" -> new EqualsAny(List.of(Literal.of(RuleNodes.scalar(operand, what), what)));
            case "in" -> new EqualsAny(literals(operand, what));
            case "has" -> Contains.any(List.of(Literal.of(RuleNodes.scalar(operand, what), what)));
            case "has_any" -> Contains.any(literals(operand, what));
            case "has_all" -> Contains.all(literals(operand, what));
            case "matches" -> new RegexTest(SafeRegex.compile(operand, what));
            default -> Comparison.parse(ComparisonOp.byName(operator), operand, what);
        };
    }

    /** {@code has} / {@code has_any} (any of the literals) or {@code has_all} (every literal). */
    public static ValueTest contains(String operator, List<Literal> literals) {
        return operator.equals("has_all") ? Contains.all(literals) : Contains.any(literals);
    }

    /** A single literal or a non-empty list of literals. */
    public static List<Literal> literals(Node node, String what) {
        List<Literal> out = new ArrayList<>();
        for (ScalarNode s : RuleNodes.scalars(node, what)) {
            out.add(Literal.of(s, what));
        }
        return out;
    }
}
