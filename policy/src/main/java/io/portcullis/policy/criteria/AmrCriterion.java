package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.values.Literal;
import io.portcullis.policy.values.ValueTest;
import io.portcullis.policy.values.ValueTests;
import java.util.List;

/**
 * {@code amr: {has: otp} | {has_any: [..]} | {has_all: [..]}}: the authentication methods the IdP
 * reports (RFC 8176 values such as {@code pwd}, {@code otp}, {@code hwk}).
 */
public final class AmrCriterion extends ClaimValueCriterion {

    private static final List<String> OPERATORS = List.of("has", "has_any", "has_all");

    private AmrCriterion(Position position, ValueTest test) {
        super(position, ClaimPath.of("amr"), test);
    }

    public static AmrCriterion parse(MapNode.Entry entry) {
        MapNode.Entry op = RuleNodes.singleOperator(entry.value(), "amr", OPERATORS);
        List<String> methods = RuleNodes.operandStrings(op, "amr." + op.key());
        return new AmrCriterion(entry.keyPosition(), ValueTests.contains(op.key(), Literal.strings(methods)));
    }

    @Override
    public String passReason() {
        return "amr-ok";
    }

    @Override
    protected String failReason() {
        return "amr-unauthorized";
    }
}
