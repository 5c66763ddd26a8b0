package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.compile.Hints;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code time: {days: "mon..fri" | [mon, wed], between: "08:00-18:00", timezone: Europe/Berlin}}
 * on {@link PolicyInput#now()}. {@code between} is start-inclusive, end-exclusive and may cross
 * midnight ({@code 22:00-06:00}); {@code days} is checked against the local date of the request.
 * The zone defaults to UTC.
 */
public final class TimeWindowCriterion extends ClockCriterion {

    private static final List<String> KEYS = List.of("days", "between", "timezone");
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern WINDOW = Pattern.compile("(\\d{2}):(\\d{2})\\s*-\\s*(\\d{2}):(\\d{2})");
    private static final int DAY_SECONDS = 86_400;
    /** 1970-01-01 was a Thursday: index 3 counting Monday as 0. */
    private static final int EPOCH_DAY_OF_WEEK = 3;

    private final boolean[] days;
    private final int start;
    private final int end;
    private final ZoneRules zone;

    private TimeWindowCriterion(Position position, boolean[] days, int start, int end, ZoneRules zone) {
        super(position);
        this.days = days;
        this.start = start;
        this.end = end;
        this.zone = zone;
    }

    public static TimeWindowCriterion parse(MapNode.Entry entry) {
        MapNode map = RuleNodes.operators(entry.value(), "time", KEYS);
        if (!map.has("days") && !map.has("between")) {
            throw new InvalidRule(map.position(), "time: expected 'days', 'between' or both");
        }
        boolean[] days = map.get("days").map(TimeWindowCriterion::days).orElse(null);
        int[] window = map.get("between").map(TimeWindowCriterion::window).orElse(new int[] {0, DAY_SECONDS});
        ZoneRules zone = map.get("timezone").map(TimeWindowCriterion::zone).orElse(ZoneOffset.UTC.getRules());
        return new TimeWindowCriterion(entry.keyPosition(), days, window[0], window[1], zone);
    }

    private static boolean[] days(Node node) {
        boolean[] days = new boolean[7];
        for (ScalarNode s : RuleNodes.scalars(node, "time.days")) {
            String text = RuleNodes.string(s, "time.days").toLowerCase(Locale.ROOT);
            int range = text.indexOf("..");
            int first = day(s, range < 0 ? text : text.substring(0, range));
            int last = range < 0 ? first : day(s, text.substring(range + 2));
            for (int d = first; ; d = (d + 1) % 7) {
                days[d] = true;
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static int day(ScalarNode node, String name) {
        int index = DAY_NAMES.indexOf(name.trim());
        if (index < 0) {
            throw new InvalidRule(node.position(), "time.days: unknown day '" + name + "'"
                    + Hints.suggest(name, DAY_NAMES));
        }
        return index;
    }

    private static int[] window(Node node) {
        String text = RuleNodes.string(node, "time.between");
        Matcher m = WINDOW.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidRule(node.position(), "time.between: expected HH:MM-HH:MM, got '" + text + "'");
        }
        int start = seconds(node, m.group(1), m.group(2), false);
        int end = seconds(node, m.group(3), m.group(4), true);
        if (start == end) {
            throw new InvalidRule(node.position(), "time.between: '" + text + "' is an empty window");
        }
        return new int[] {start, end};
    }

    private static int seconds(Node node, String hours, String minutes, boolean isEnd) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (m > 59 || h > 24 || h == 24 && (m > 0 || !isEnd)) {
            throw new InvalidRule(node.position(), "time.between: " + hours + ":" + minutes + " is not a time of day");
        }
        return h * 3600 + m * 60;
    }

    private static ZoneRules zone(Node node) {
        String id = RuleNodes.string(node, "time.timezone");
        try {
            return ZoneId.of(id).getRules();
        } catch (DateTimeException e) {
            throw new InvalidRule(node.position(), "time.timezone: unknown time zone '" + id
                    + "' (use a region like Europe/Berlin, or UTC)");
        }
    }

    @Override
    protected boolean holdsAt(Instant now) {
        long local = now.getEpochSecond() + zone.getOffset(now).getTotalSeconds();
        int dayOfWeek = (int) Math.floorMod(Math.floorDiv(local, DAY_SECONDS) + EPOCH_DAY_OF_WEEK, 7L);
        int second = (int) Math.floorMod(local, (long) DAY_SECONDS);
        if (days != null && !days[dayOfWeek]) {
            return false;
        }
        return start < end ? second >= start && second < end : second >= start || second < end;
    }

    @Override
    public String passReason() {
        return "time-ok";
    }

    @Override
    public String failReason(PolicyInput input) {
        return "time-not-allowed";
    }
}
