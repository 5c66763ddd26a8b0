package io.portcullis.policy.values;

import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A scalar written in a policy with the JSON type it denotes: an unquoted {@code true}/{@code false}
 * is a boolean, an unquoted number a number, anything else (including quoted values) a string.
 */
public final class Literal {

    private enum Kind { BOOLEAN, NUMBER, STRING }

    private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "on", "off");

    private final Kind kind;
    private final String text;
    private final boolean bool;
    private final Numeric number;

    private Literal(Kind kind, String text, boolean bool, Numeric number) {
        this.kind = kind;
        this.text = text;
        this.bool = bool;
        this.number = number;
    }

    public static Literal of(ScalarNode node, String what) {
        String text = RuleNodes.scalar(node, what).value();
        if (!node.quoted()) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (YAML11_BOOLEANS.contains(lower)) {
                // YAML 1.1 readers take these for booleans, a JSON reader for strings: make the author say.
                throw new InvalidRule(node.position(), what + ": '" + text + "' is ambiguous; write true or false,"
                        + " or quote it for a string");
            }
            if (lower.equals("true") || lower.equals("false")) {
                return new Literal(Kind.BOOLEAN, text, lower.equals("true"), null);
            }
            Numeric n = Numeric.parse(text);
            if (n != null) {
                return new Literal(Kind.NUMBER, text, false, n);
            }
        }
        return new Literal(Kind.STRING, text, false, null);
    }

    /** A string literal built in code (e.g. from a criterion that only deals in strings). */
    public static Literal string(String text) {
        return new Literal(Kind.STRING, text, false, null);
    }

    /** String literals for values that are names whatever they look like (groups, amr, acr). */
    public static List<Literal> strings(List<String> texts) {
        List<Literal> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(string(t));
        }
        return out;
    }

    /** Equality with a JSON value; UNKNOWN when the value has another type. */
    public Tri matches(Object fact) {
        return switch (kind) {
            case STRING -> fact instanceof String s ? Tri.of(s.equals(text)) : Tri.UNKNOWN;
            case BOOLEAN -> fact instanceof Boolean b ? Tri.of(b == bool) : Tri.UNKNOWN;
            case NUMBER -> {
                if (!(fact instanceof Number n)) {
                    yield Tri.UNKNOWN;
                }
                int c = number.compareFact(n);
                yield c == Numeric.INCOMPARABLE ? Tri.UNKNOWN : Tri.of(c == 0);
            }
        };
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
