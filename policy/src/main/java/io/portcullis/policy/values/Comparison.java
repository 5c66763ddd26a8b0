package io.portcullis.policy.values;

import io.portcullis.config.yaml.Node;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;

/**
 * {@code lt/lte/gt/gte/eq}: a JSON number is compared numerically; a string is compared as a dotted
 * version ({@code os_version: {gte: "14.2"}}). Anything else, or a string that is no version, is
 * UNKNOWN.
 */
public final class Comparison implements ValueTest {

    private final ComparisonOp op;
    private final Numeric number;
    private final Version version;

    private Comparison(ComparisonOp op, Numeric number, Version version) {
        this.op = op;
        this.number = number;
        this.version = version;
    }

    public static Comparison parse(ComparisonOp op, Node node, String what) {
        String text = RuleNodes.string(node, what);
        Numeric number = Numeric.parse(text);
        Version version = Version.parse(text);
        if (number == null && version == null) {
            throw new InvalidRule(node.position(), what + ": expected a number or a dotted version like 14.2, got '"
                    + text + "'");
        }
        return new Comparison(op, number, version);
    }

    @Override
    public Tri test(Object fact) {
        int sign;
        if (fact instanceof Number n && number != null) {
            sign = number.compareFact(n);
        } else if (fact instanceof String s && version != null) {
            sign = version.compareFact(s);
        } else {
            return Tri.UNKNOWN;
        }
        return sign == Numeric.INCOMPARABLE ? Tri.UNKNOWN : Tri.of(op.holds(sign));
    }
}
