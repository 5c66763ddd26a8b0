package io.portcullis.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A request header value written in the config: literal text with {@code {{ source.key }}}
 * placeholders, parsed at load time so that a typo is a {@code check} error and a request only
 * concatenates. The sources are {@code claims.<claim>} (a dotted path reads nested objects),
 * {@code identity.subject|issuer|issuer_id}, {@code device.id|source|<attribute>} (the verified
 * posture), {@code request.id} and {@code route.id}. {@code {{} always opens a placeholder; there is
 * no escape, since no header value needs one.
 *
 * @param text  the template as written
 * @param parts literals and placeholders in order
 */
public record HeaderTemplate(String text, List<Part> parts) {

    /** Where a placeholder's value comes from. */
    public enum Source { CLAIMS, IDENTITY, DEVICE, REQUEST, ROUTE }

    /** One piece of a template. */
    public sealed interface Part permits Literal, Placeholder {
    }

    /** Text sent as written. */
    public record Literal(String text) implements Part {
    }

    /**
     * A value of the request's facts.
     *
     * @param source where it is read
     * @param key    the claim path, identity field, device field or attribute path
     */
    public record Placeholder(Source source, String key) implements Part {
    }

    private static final Set<String> IDENTITY_KEYS = Set.of("subject", "issuer", "issuer_id");

    public HeaderTemplate {
        parts = List.copyOf(parts);
    }

    /** Whether the template has no placeholder, so its value is the same for every request. */
    public boolean constant() {
        return parts.stream().noneMatch(p -> p instanceof Placeholder);
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException with a message for the config author
     */
    public static HeaderTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                parts.add(literal(text.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(literal(text.substring(i, open)));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("'{{' at character " + (open + 1) + " is never closed by '}}'");
            }
            parts.add(placeholder(text.substring(open + 2, close).strip()));
            i = close + 2;
        }
        return new HeaderTemplate(text, parts);
    }

    private static Literal literal(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException("contains a control character (" + String.format("U+%04X", (int) c)
                        + "), which a header value cannot carry");
            }
        }
        return new Literal(s);
    }

    private static Placeholder placeholder(String expr) {
        int dot = expr.indexOf('.');
        String name = dot < 0 ? expr : expr.substring(0, dot);
        String key = dot < 0 ? "" : expr.substring(dot + 1);
        if (expr.isEmpty()) {
            throw new IllegalArgumentException("'{{ }}' names no value; write e.g. {{ claims.email }}");
        }
        for (int i = 0; i < expr.length(); i++) {
            if (Character.isWhitespace(expr.charAt(i)) || expr.charAt(i) == '{' || expr.charAt(i) == '}') {
                throw new IllegalArgumentException("'{{ " + expr + " }}' is not one name; write e.g. {{ claims.email }}");
            }
        }
        Source source = switch (name) {
            case "claims" -> Source.CLAIMS;
            case "identity" -> Source.IDENTITY;
            case "device" -> Source.DEVICE;
            case "request" -> Source.REQUEST;
            case "route" -> Source.ROUTE;
            default -> throw new IllegalArgumentException("unknown value '" + expr + "'"
                    + didYouMean("", name, List.of("claims", "identity", "device", "request", "route"))
                    + "; the sources are claims.*, identity.*, device.*, request.id and route.id");
        };
        if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw new IllegalArgumentException("'{{ " + expr + " }}' needs a name after '" + name + ".'");
        }
        if (source == Source.IDENTITY && !IDENTITY_KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown value '" + expr + "'"
                    + didYouMean("identity.", key, IDENTITY_KEYS)
                    + "; identity has subject, issuer and issuer_id (read other claims as claims.<name>)");
        }
        if ((source == Source.REQUEST || source == Source.ROUTE) && !key.equals("id")) {
            throw new IllegalArgumentException("unknown value '" + expr + "'; " + name + " has only " + name + ".id");
        }
        return new Placeholder(source, key);
    }

    private static String didYouMean(String prefix, String name, java.util.Collection<String> known) {
        return KeySuggester.suggest(name, known).map(k -> " (did you mean '" + prefix + k + "'?)").orElse("");
    }
}
