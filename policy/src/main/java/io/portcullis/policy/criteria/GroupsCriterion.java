package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.values.Literal;
import io.portcullis.policy.values.ValueTest;
import io.portcullis.policy.values.ValueTests;
import java.util.List;

/**
 * {@code groups: {has: x} | {has_any: [..]} | {has_all: [..]}} over the {@code groups} claim, a
 * list of strings or a single string.
 */
public final class GroupsCriterion extends ClaimValueCriterion {

    private static final List<String> OPERATORS = List.of("has", "has_any", "has_all");

    GroupsCriterion(Position position, ValueTest test) {
        super(position, ClaimPath.of("groups"), test);
    }

    public static GroupsCriterion parse(MapNode.Entry entry) {
        MapNode.Entry op = RuleNodes.singleOperator(entry.value(), "groups", OPERATORS);
        String what = "groups." + op.key();
        List<String> names = RuleNodes.operandStrings(op, what);
        // Group names are strings whatever they look like: "2024" is a group, not a number.
        return new GroupsCriterion(entry.keyPosition(), ValueTests.contains(op.key(), Literal.strings(names)));
    }

    @Override
    public String passReason() {
        return "groups-authorized";
    }

    @Override
    protected String failReason() {
        return "groups-unauthorized";
    }
}
