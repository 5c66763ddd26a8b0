package io.portcullis.policy.values;

import java.util.List;

/** The ordering operators a policy may write, by their YAML names. */
public enum ComparisonOp {
    LT("lt"), LTE("lte"), GT("gt"), GTE("gte"), EQ("eq");

    /** The YAML names of all operators. */
    public static final List<String> NAMES = List.of("lt", "lte", "gt", "gte", "eq");

    private final String yamlName;

    ComparisonOp(String yamlName) {
        this.yamlName = yamlName;
    }

    public static ComparisonOp byName(String name) {
        for (ComparisonOp op : values()) {
            if (op.yamlName.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("no comparison " + name);
    }

    /** Whether a comparison result (sign of fact - literal) satisfies this operator. */
    public boolean holds(int sign) {
        return switch (this) {
            case LT -> sign < 0;
            case LTE -> sign <= 0;
            case GT -> sign > 0;
            case GTE -> sign >= 0;
            case EQ -> sign == 0;
        };
    }
}
