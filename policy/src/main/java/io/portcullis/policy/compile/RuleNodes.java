package io.portcullis.policy.compile;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed access to positioned YAML nodes for rule parsing. Every mismatch becomes an
 * {@link InvalidRule} at the offending node, phrased as "{@code what}: expected X, got Y".
 */
public final class RuleNodes {

    private RuleNodes() {
    }

    public static MapNode map(Node node, String what) {
        if (node instanceof MapNode m) {
            return m;
        }
        throw mismatch(node, what, "a map");
    }

    public static ScalarNode scalar(Node node, String what) {
        if (node instanceof ScalarNode s && !s.isNull()) {
            return s;
        }
        throw mismatch(node, what, "a value");
    }

    public static String string(Node node, String what) {
        String s = scalar(node, what).value();
        if (s.isEmpty()) {
            throw new InvalidRule(node.position(), what + ": must not be empty");
        }
        return s;
    }

    /** A single scalar or a non-empty list of scalars. */
    public static List<ScalarNode> scalars(Node node, String what) {
        if (node instanceof ListNode list) {
            if (list.items().isEmpty()) {
                throw new InvalidRule(node.position(), what + ": the list must not be empty");
            }
            List<ScalarNode> out = new ArrayList<>();
            for (Node item : list.items()) {
                out.add(scalar(item, what));
            }
            return out;
        }
        return List.of(scalar(node, what));
    }

    /** Like {@link #scalars} but as non-empty strings. */
    public static List<String> strings(Node node, String what) {
        List<String> out = new ArrayList<>();
        for (ScalarNode s : scalars(node, what)) {
            out.add(string(s, what));
        }
        return out;
    }

    /**
     * The strings an operator takes: one for a singular operator ({@code is}, {@code has}), one or a
     * list for the others ({@code in}, {@code has_any}...).
     */
    public static List<String> operandStrings(MapNode.Entry operator, String what) {
        boolean singular = operator.key().equals("is") || operator.key().equals("has");
        return singular ? List.of(string(operator.value(), what)) : strings(operator.value(), what);
    }

    /** An unquoted {@code true} or {@code false}; a quoted "true" is a string, not a boolean. */
    public static boolean bool(Node node, String what) {
        if (node instanceof ScalarNode s && !s.isNull() && !s.quoted()) {
            String v = s.value().toLowerCase(Locale.ROOT);
            if (v.equals("true")) {
                return true;
            }
            if (v.equals("false")) {
                return false;
            }
        }
        throw mismatch(node, what, "true or false");
    }

    /** A map whose keys must all be among {@code operators}. */
    public static MapNode operators(Node node, String what, List<String> operators) {
        MapNode map = map(node, what);
        if (map.entries().isEmpty()) {
            throw new InvalidRule(node.position(), what + ": expected one of: " + String.join(", ", operators));
        }
        for (MapNode.Entry e : map.entries().values()) {
            if (!operators.contains(e.key())) {
                throw new InvalidRule(e.keyPosition(), "unknown operator '" + e.key() + "' for " + what
                        + Hints.suggest(e.key(), operators));
            }
        }
        return map;
    }

    /** A map with exactly one key, which must be among {@code operators}. */
    public static MapNode.Entry singleOperator(Node node, String what, List<String> operators) {
        MapNode map = operators(node, what, operators);
        if (map.entries().size() > 1) {
            throw new InvalidRule(node.position(), what + ": expected exactly one of: "
                    + String.join(", ", operators));
        }
        return map.entries().values().iterator().next();
    }

    public static InvalidRule mismatch(Node node, String what, String expected) {
        String got = node instanceof ScalarNode s && s.isNull() ? "nothing" : node.kind();
        return new InvalidRule(node.position(), what + ": expected " + expected + ", got " + got);
    }
}
