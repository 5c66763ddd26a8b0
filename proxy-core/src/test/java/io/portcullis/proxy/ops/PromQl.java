package io.portcullis.proxy.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading to know which metrics and labels an expression uses: the metric of
 * every selector with its label matchers, the labels of by/without/on/ignoring clauses, and every
 * other bare metric name. Function calls and keywords are told apart from metric names; Grafana
 * variables ($instance, $__rate_interval) only ever appear inside strings and ranges, which are
 * dropped first.
 */
final class PromQl {

    /** {@code label op "value"} inside a selector. */
    record LabelMatcher(String label, String op, String value) {

        /** The literal values this matcher names: "a" for =, and each branch of a plain "a|b" for =~. */
        List<String> literalValues() {
            if (op.equals("=") && !value.contains("$")) {
                return List.of(value);
            }
            if (op.equals("=~") && value.matches("[A-Za-z0-9_-]+(\\|[A-Za-z0-9_-]+)*")) {
                return List.of(value.split("\\|"));
            }
            return List.of();
        }
    }

    /** A metric selector: {@code name{matchers}} or a bare {@code name}. */
    record Selector(String metric, List<LabelMatcher> matchers) {
    }

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");

    private PromQl() {
    }

    static List<Selector> selectors(String expr) {
        List<Selector> out = new ArrayList<>();
        Matcher m = SELECTOR.matcher(expr);
        while (m.find()) {
            List<LabelMatcher> matchers = new ArrayList<>();
            Matcher lm = MATCHER.matcher(m.group(2));
            while (lm.find()) {
                matchers.add(new LabelMatcher(lm.group(1), lm.group(2), lm.group(3)));
            }
            out.add(new Selector(m.group(1), matchers));
        }
        String rest = SELECTOR.matcher(stripGrouping(RANGE.matcher(expr).replaceAll(" "))).replaceAll(" ");
        rest = STRING.matcher(rest).replaceAll(" ");
        Matcher id = IDENT.matcher(rest);
        while (id.find()) {
            String name = id.group();
            boolean call = rest.substring(id.end()).stripLeading().startsWith("(");
            boolean partOfNumber = id.start() > 0 && Character.isDigit(rest.charAt(id.start() - 1));
            if (!call && !partOfNumber && !KEYWORDS.contains(name)) {
                out.add(new Selector(name, List.of()));
            }
        }
        return out;
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        for (Selector s : selectors(expr)) {
            names.add(s.metric());
        }
        return names;
    }

    /** Labels named in by/without/on/ignoring/group_* clauses. */
    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = GROUPING.matcher(expr);
        while (m.find()) {
            for (String l : m.group(2).split(",")) {
                if (!l.isBlank()) {
                    labels.add(l.strip());
                }
            }
        }
        return labels;
    }

    private static String stripGrouping(String expr) {
        return GROUPING.matcher(expr).replaceAll(" ");
    }
}
