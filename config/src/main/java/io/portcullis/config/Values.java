package io.portcullis.config;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The {@link ValueReader}s the binders are built from: strings, booleans, numbers, lists. */
final class Values {

    private Values() {
    }

    /**
     * A non-empty scalar, as written. Only spaces (a quoted {@code " "}) are refused too: no id, name,
     * claim, audience or path is blank, and a blank one passed the check to fail only at start (a login
     * client's {@code client_id}) or never match anything.
     */
    static ValueReader<String> string() {
        return (node, path, problems) -> {
            if (!(node instanceof ScalarNode s)) {
                problems.add(node.position(), path, "expected a string, got " + node.kind());
                return null;
            }
            if (s.isNull() || s.value().isEmpty()) {
                problems.add(node.position(), path, "must not be empty");
                return null;
            }
            if (s.value().isBlank()) {
                problems.add(node.position(), path, "must not be blank");
                return null;
            }
            return s.value();
        };
    }

    /** A string turned into a value by {@code parser}, whose IllegalArgumentException becomes a problem. */
    static <T> ValueReader<T> parsed(Function<String, T> parser) {
        return (node, path, problems) -> {
            String text = string().read(node, path, problems);
            if (text == null) {
                return null;
            }
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                problems.add(node.position(), path, withoutResolvedValue(node, e.getMessage()));
                return null;
            }
        };
    }

    /** Only unquoted {@code true} or {@code false}: {@code yes}, {@code on} or {@code "true"} are refused. */
    static ValueReader<Boolean> bool() {
        return (node, path, problems) -> {
            if (node instanceof ScalarNode s && !s.quoted() && ("true".equals(s.value()) || "false".equals(s.value()))) {
                return Boolean.valueOf(s.value());
            }
            problems.add(node.position(), path, "expected true or false, got " + describe(node));
            return null;
        };
    }

    static ValueReader<Duration> positiveDuration() {
        return duration(Duration.ofMillis(1), null);
    }

    /** A duration no shorter than {@code min} and, when {@code max} is not null, no longer than it. */
    static ValueReader<Duration> duration(Duration min, Duration max) {
        return (node, path, problems) -> {
            Duration d = parsed(DurationParser::parse).read(node, path, problems);
            if (d == null) {
                return null;
            }
            if (d.compareTo(min) < 0) {
                problems.add(node.position(), path, min.equals(Duration.ofMillis(1))
                        ? "must be greater than zero" : "must be at least " + DurationParser.format(min));
                return null;
            }
            if (max != null && d.compareTo(max) > 0) {
                problems.add(node.position(), path, "must be at most " + DurationParser.format(max));
                return null;
            }
            return d;
        };
    }

    /** A byte size no smaller than {@code min} and no larger than {@code max}. */
    static ValueReader<Long> byteSize(long min, long max) {
        return inRange(ByteSizeParser::parse, min, max);
    }

    /** A plain integer no smaller than {@code min} and no larger than {@code max}. */
    static ValueReader<Long> integer(long min, long max) {
        return inRange(text -> {
            if (!text.matches("\\d{1,18}")) {
                throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
            }
            return Long.parseLong(text);
        }, min, max);
    }

    private static ValueReader<Long> inRange(Function<String, Long> parser, long min, long max) {
        return (node, path, problems) -> {
            Long n = parsed(parser).read(node, path, problems);
            if (n != null && (n < min || n > max)) {
                problems.add(node.position(), path, "must be between " + min + " and " + max + ", got " + n);
                return null;
            }
            return n;
        };
    }

    /** A list whose items are read by {@code item}; failed items are left out (their problems are recorded). */
    static <T> ValueReader<List<T>> listOf(ValueReader<T> item) {
        return (node, path, problems) -> {
            if (!(node instanceof ListNode list)) {
                problems.add(node.position(), path, "expected a list, got " + describe(node));
                return null;
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                T value = item.read(list.items().get(i), path + "[" + i + "]", problems);
                if (value != null) {
                    out.add(value);
                }
            }
            return out;
        };
    }

    /** Like {@link #listOf} but an empty list is a problem. */
    static <T> ValueReader<List<T>> nonEmptyListOf(ValueReader<T> item) {
        return (node, path, problems) -> {
            List<T> out = listOf(item).read(node, path, problems);
            if (out != null && node instanceof ListNode l && l.items().isEmpty()) {
                problems.add(node.position(), path, "must not be empty");
                return null;
            }
            return out;
        };
    }

    static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            return s.isNull() ? "nothing" : "'" + s.shown() + "'";
        }
        return node.kind();
    }

    /**
     * A parser's message with a value taken from the environment replaced by the reference as written
     * ({@code ${VAR}}): any value may be a secret, and problem messages end up in logs.
     */
    static String withoutResolvedValue(Node node, String message) {
        if (node instanceof ScalarNode s && s.fromEnvironment() && !s.value().isEmpty()) {
            return message.replace(s.value(), s.written()) + " (from the environment)";
        }
        return message;
    }
}
