package io.portcullis.config.yaml;

import io.portcullis.config.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces environment references in every scalar value of a node tree, with docker-compose's
 * syntax so operators need learn nothing new: {@code ${VAR}}, {@code ${VAR:-default}} (default when
 * unset or empty), {@code ${VAR-default}} (default when unset), {@code ${VAR:?why}} and
 * {@code ${VAR?why}} (a problem when unset or empty / unset), and {@code $$} for a literal
 * {@code $}. A lone {@code $} not followed by {@code {} or {@code $} stays as written, so regular
 * expressions like {@code ^/api$} need no escaping. Map keys are never interpolated.
 *
 * <p>Positions are kept: a substituted scalar keeps the file, line and column where it was written,
 * and remembers the written text so that problems quote {@code ${VAR}}, never the resolved value.
 */
public final class EnvInterpolation {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvInterpolation() {
    }

    /** The tree with every reference resolved from {@code env}; problems are added for bad references. */
    public static Node apply(Node node, Map<String, String> env, List<ConfigProblem> problems) {
        if (node instanceof ScalarNode s) {
            return scalar(s, env, problems);
        }
        if (node instanceof ListNode l) {
            List<Node> items = new ArrayList<>();
            for (Node item : l.items()) {
                items.add(apply(item, env, problems));
            }
            return new ListNode(items, l.position());
        }
        MapNode m = (MapNode) node;
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        for (MapNode.Entry e : m.entries().values()) {
            entries.put(e.key(), new MapNode.Entry(e.key(), e.keyPosition(), apply(e.value(), env, problems)));
        }
        return new MapNode(entries, m.position());
    }

    private static ScalarNode scalar(ScalarNode s, Map<String, String> env, List<ConfigProblem> problems) {
        String text = s.value();
        if (text == null || text.indexOf('$') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean fromEnv = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 == text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            if (next != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i + 2);
            if (close < 0) {
                problems.add(new ConfigProblem(s.position(), "'" + text
                        + "': '${' without a closing '}' (write $$ for a literal $)"));
                return s;
            }
            String resolved = reference(text.substring(i + 2, close), env, s, problems);
            if (resolved == null) {
                return s;
            }
            out.append(resolved);
            fromEnv = true;
            i = close + 1;
        }
        return new ScalarNode(out.toString(), s.quoted(), s.position(), fromEnv ? text : null);
    }

    /** The value of one {@code ${...}} body, or null with a problem added. */
    private static String reference(String body, Map<String, String> env, ScalarNode s, List<ConfigProblem> problems) {
        int op = operator(body);
        String name = op < 0 ? body : body.substring(0, op);
        if (!NAME.matcher(name).matches()) {
            problems.add(new ConfigProblem(s.position(), "'${" + body + "}': '" + name
                    + "' is not a variable name (letters, digits and _, not starting with a digit)"));
            return null;
        }
        String value = env.get(name);
        if (op < 0) {
            if (value == null) {
                problems.add(new ConfigProblem(s.position(), "environment variable " + name
                        + " is not set (give a default with ${" + name + ":-default})"));
            }
            return value;
        }
        boolean colon = body.charAt(op) == ':';
        char kind = body.charAt(colon ? op + 1 : op);
        String arg = body.substring(colon ? op + 2 : op + 1);
        boolean missing = value == null || (colon && value.isEmpty());
        if (!missing) {
            return value;
        }
        if (kind == '-') {
            return arg;
        }
        problems.add(new ConfigProblem(s.position(), "environment variable " + name + " is "
                + (value == null ? "not set" : "empty") + (arg.isEmpty() ? "" : ": " + arg)));
        return null;
    }

    /** Index of the operator ({@code :-}, {@code -}, {@code :?}, {@code ?}) after the name, or -1. */
    private static int operator(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '-' || c == '?') {
                return i;
            }
            if (c == ':' && i + 1 < body.length() && (body.charAt(i + 1) == '-' || body.charAt(i + 1) == '?')) {
                return i;
            }
        }
        return -1;
    }
}
