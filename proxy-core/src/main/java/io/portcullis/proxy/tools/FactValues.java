package io.portcullis.proxy.tools;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.compile.DurationText;
import io.portcullis.policy.compile.InvalidRule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns hand-written YAML facts (claims, posture attributes) into the JSON values a verified token
 * would carry: unquoted {@code true}/{@code false} → Boolean, unquoted numbers → Long or BigDecimal,
 * maps and lists as such, anything else a String. An unquoted {@code now}, {@code now-1h} or
 * {@code now+15m} becomes epoch seconds relative to the test clock, so {@code auth_time: now-1h}
 * stays true whenever the test runs.
 */
public final class FactValues {

    private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(.+))?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

    private final Instant now;
    private final List<ConfigProblem> problems;

    public FactValues(Instant now, List<ConfigProblem> problems) {
        this.now = now;
        this.problems = problems;
    }

    /** The JSON value of a node; problems (a bad relative time) are collected, the value is then null. */
    public Object value(Node node) {
        if (node instanceof MapNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (MapNode.Entry e : map.entries().values()) {
                out.put(e.key(), value(e.value()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof ListNode list) {
            List<Object> out = new ArrayList<>(list.items().size());
            for (Node item : list.items()) {
                out.add(value(item));
            }
            return Collections.unmodifiableList(out);
        }
        return scalar((ScalarNode) node);
    }

    /** A map node's entries as JSON values; a non-map is a problem and gives an empty map. */
    public Map<String, Object> object(Node node, String what) {
        if (!(node instanceof MapNode)) {
            problems.add(new ConfigProblem(node.position(), what + ": expected a map, got " + node.kind()));
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value(node);
        return map;
    }

    private Object scalar(ScalarNode s) {
        if (s.isNull() || s.quoted()) {
            return s.value();
        }
        String text = s.value();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (INTEGER.matcher(text).matches()) {
            return Long.valueOf(text);
        }
        if (DECIMAL.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        Matcher m = RELATIVE.matcher(text);
        if (m.matches()) {
            return relative(s, m);
        }
        return text;
    }

    private Object relative(ScalarNode s, Matcher m) {
        if (m.group(1) == null) {
            return now.getEpochSecond();
        }
        try {
            long seconds = DurationText.parse(new ScalarNode(m.group(2), false, s.position(), null), "relative time")
                    .getSeconds();
            return now.getEpochSecond() + (m.group(1).equals("-") ? -seconds : seconds);
        } catch (InvalidRule e) {
            problems.add(new ConfigProblem(s.position(), "'" + s.value()
                    + "': a relative time is now, now-DURATION or now+DURATION (e.g. now-1h)"));
            return null;
        }
    }
}
