package io.portcullis.policy.compile;

import io.portcullis.config.yaml.Node;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as operators write them: {@code 90s}, {@code 15m}, {@code 8h}, {@code 1d}, {@code 1h30m}. */
public final class DurationText {

    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}[smhd])+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhd])");

    private DurationText() {
    }

    public static Duration parse(Node node, String what) {
        String text = RuleNodes.string(node, what).trim();
        if (!WHOLE.matcher(text).matches()) {
            throw new InvalidRule(node.position(), what + ": expected a duration like 15m, 8h or 1d, got '"
                    + text + "'");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        if (total.isZero()) {
            throw new InvalidRule(node.position(), what + ": the duration must be positive");
        }
        return total;
    }
}
