package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.values.EqualsAny;
import io.portcullis.policy.values.Literal;
import io.portcullis.policy.values.ValueTest;
import java.util.List;

/** {@code acr: {is: <value>} | {in: [..]}}: the authentication context class the IdP asserted. */
public final class AcrCriterion extends ClaimValueCriterion {

    private static final List<String> OPERATORS = List.of("is", "in");

    private AcrCriterion(Position position, ValueTest test) {
        super(position, ClaimPath.of("acr"), test);
    }

    public static AcrCriterion parse(MapNode.Entry entry) {
        MapNode.Entry op = RuleNodes.singleOperator(entry.value(), "acr", OPERATORS);
        List<String> values = RuleNodes.operandStrings(op, "acr." + op.key());
        return new AcrCriterion(entry.keyPosition(), new EqualsAny(Literal.strings(values)));
    }

    @Override
    public String passReason() {
        return "acr-ok";
    }

    @Override
    protected String failReason() {
        return "acr-unauthorized";
    }
}
