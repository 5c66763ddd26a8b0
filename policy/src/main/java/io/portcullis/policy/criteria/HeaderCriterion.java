package io.portcullis.policy.criteria;

import io.portcullis.config.HeaderNames;
import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.RequestHeaders;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.values.EqualsAny;
import io.portcullis.policy.values.Literal;
import io.portcullis.policy.values.RegexTest;
import io.portcullis.policy.values.SafeRegex;
import io.portcullis.policy.values.ValueTest;
import java.util.List;

/**
 * {@code header: {name: X-Env, is: prod | in: [..] | matches: re | exists: true}}. Values are
 * compared as strings, exactly. An absent field is FALSE for value tests (the request is known not
 * to carry it); a field sent more than once is UNKNOWN for them, because a client could append a
 * second value to slip past a check of the first. Without header access the criterion is UNKNOWN.
 */
public final class HeaderCriterion extends RequestCriterion {

    private static final List<String> KEYS = List.of("name", "is", "in", "matches", "exists");
    private static final List<String> TESTS = List.of("is", "in", "matches", "exists");

    private final String name;
    /** Null for an {@code exists} test. */
    private final ValueTest test;
    private final boolean exists;

    private HeaderCriterion(Position position, String name, ValueTest test, boolean exists) {
        super(position, "header-ok", "header-not-allowed");
        this.name = name;
        this.test = test;
        this.exists = exists;
    }

    public static HeaderCriterion parse(MapNode.Entry entry) {
        MapNode map = RuleNodes.operators(entry.value(), "header", KEYS);
        MapNode.Entry nameEntry = map.entries().get("name");
        if (nameEntry == null) {
            throw new InvalidRule(map.position(), "header: 'name' is required");
        }
        String name = RuleNodes.string(nameEntry.value(), "header.name");
        if (!HeaderNames.isToken(name)) {
            throw new InvalidRule(nameEntry.value().position(), "header.name: '" + name + "' is not a header name");
        }
        if (map.entries().size() != 2) {
            throw new InvalidRule(map.position(), "header: expected 'name' and exactly one of: "
                    + String.join(", ", TESTS));
        }
        MapNode.Entry op = map.entries().values().stream().filter(e -> !e.key().equals("name")).findFirst()
                .orElseThrow();
        String what = "header." + op.key();
        return switch (op.key()) {
            case "exists" -> new HeaderCriterion(entry.keyPosition(), name, null, RuleNodes.bool(op.value(), what));
            case "matches" -> new HeaderCriterion(entry.keyPosition(), name,
                    new RegexTest(SafeRegex.compile(op.value(), what)), false);
            default -> new HeaderCriterion(entry.keyPosition(), name,
                    new EqualsAny(Literal.strings(RuleNodes.strings(op.value(), what))), false);
        };
    }

    @Override
    protected Tri evaluate(RequestFacts request) {
        RequestHeaders headers = request.headers();
        if (headers == null) {
            return Tri.UNKNOWN;
        }
        List<String> values = headers.all(name);
        if (test == null) {
            return Tri.of(values.isEmpty() != exists);
        }
        if (values.isEmpty()) {
            return Tri.FALSE;
        }
        return values.size() == 1 ? test.test(values.get(0)) : Tri.UNKNOWN;
    }
}
