package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code valid_between: {from: "2026-01-01T00:00:00Z", until: "2026-02-01T00:00:00Z"}}: a grant
 * that starts and/or ends; {@code from} inclusive, {@code until} exclusive. Timestamps must be
 * quoted in YAML and carry a zone ({@code Z} or an offset).
 */
public final class ValidBetweenCriterion extends ClockCriterion {

    private static final List<String> KEYS = List.of("from", "until");

    private final Instant from;
    private final Instant until;

    private ValidBetweenCriterion(Position position, Instant from, Instant until) {
        super(position);
        this.from = from;
        this.until = until;
    }

    public static ValidBetweenCriterion parse(MapNode.Entry entry) {
        MapNode map = RuleNodes.operators(entry.value(), "valid_between", KEYS);
        Instant from = map.get("from").map(n -> instant(n, "valid_between.from")).orElse(null);
        Instant until = map.get("until").map(n -> instant(n, "valid_between.until")).orElse(null);
        if (from != null && until != null && !from.isBefore(until)) {
            throw new InvalidRule(map.position(), "valid_between: 'from' must be before 'until'");
        }
        return new ValidBetweenCriterion(entry.keyPosition(), from, until);
    }

    private static Instant instant(Node node, String what) {
        String text = RuleNodes.string(node, what);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRule(node.position(), what + ": expected an ISO-8601 instant with a zone, like"
                    + " 2026-01-31T18:00:00Z, got '" + text + "'");
        }
    }

    @Override
    protected boolean holdsAt(Instant now) {
        return (from == null || !now.isBefore(from)) && (until == null || now.isBefore(until));
    }

    @Override
    public String passReason() {
        return "valid-between-ok";
    }

    @Override
    public String failReason(PolicyInput input) {
        Instant now = input.now();
        if (now == null) {
            return "validity-unknown";
        }
        return from != null && now.isBefore(from) ? "not-yet-valid" : "expired";
    }
}
