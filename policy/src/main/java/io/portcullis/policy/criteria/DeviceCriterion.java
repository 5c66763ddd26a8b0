package io.portcullis.policy.criteria;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.logic.AllOf;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.values.EqualsAny;
import io.portcullis.policy.values.Literal;
import io.portcullis.policy.values.ValueTest;
import io.portcullis.policy.values.ValueTests;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code device: {<attribute>: <test>, ...}}: each attribute is tested by a literal (boolean,
 * number or string equality) or an operator map ({@code lt/lte/gt/gte/eq} for numbers and dotted
 * versions, {@code is/in} for strings, {@code matches}); several attributes are AND-ed. Compiles to
 * one {@link DeviceAttributeCriterion} per attribute so each failure is reported by name.
 */
public final class DeviceCriterion {

    private static final List<String> OPERATORS = List.of("is", "in", "lt", "lte", "gt", "gte", "eq", "matches");

    private DeviceCriterion() {
    }

    public static Condition parse(MapNode.Entry entry) {
        MapNode attributes = RuleNodes.map(entry.value(), "device");
        if (attributes.entries().isEmpty()) {
            throw new InvalidRule(attributes.position(), "device: expected at least one attribute test");
        }
        List<Condition> tests = new ArrayList<>();
        for (MapNode.Entry attribute : attributes.entries().values()) {
            String what = "device." + attribute.key();
            tests.add(new DeviceAttributeCriterion(attribute.keyPosition(), attribute.key(),
                    test(attribute.value(), what)));
        }
        return tests.size() == 1 ? tests.get(0) : new AllOf(tests);
    }

    private static ValueTest test(Node node, String what) {
        if (node instanceof ScalarNode scalar) {
            return new EqualsAny(List.of(Literal.of(scalar, what)));
        }
        if (node instanceof MapNode) {
            return ValueTests.compile(RuleNodes.operators(node, what, OPERATORS), what);
        }
        throw RuleNodes.mismatch(node, what, "a value or a map of operators (" + String.join(", ", OPERATORS) + ")");
    }
}
