package io.portcullis.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations such as {@code 500ms}, {@code 30s}, {@code 1h30m} or {@code 1d}. Units must
 * appear largest first and at most once, so {@code 30m1h} (almost certainly a typo) is refused.
 */
final class DurationParser {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private DurationParser() {
    }

    static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("expected a duration like 30s, got nothing");
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int at = 0;
        int lastRank = -1;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException(invalid(text));
            }
            int rank = rank(m.group(2));
            if (rank <= lastRank) {
                throw new IllegalArgumentException(invalid(text) + " (units must go from largest to smallest, once each)");
            }
            lastRank = rank;
            total = total.plus(unit(Long.parseLong(m.group(1)), m.group(2)));
            at = m.end();
        }
        return total;
    }

    private static String invalid(String text) {
        return "invalid duration '" + text + "' (expected e.g. 500ms, 30s, 15m, 8h, 1d or 1h30m)";
    }

    private static int rank(String unit) {
        return switch (unit) {
            case "d" -> 0;
            case "h" -> 1;
            case "m" -> 2;
            case "s" -> 3;
            default -> 4;
        };
    }

    private static Duration unit(long n, String unit) {
        return switch (unit) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMillis(n);
        };
    }

    /** The shortest exact form, e.g. {@code 5m} or {@code 1500ms}, for messages. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
