package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.values.ValueTest;
import io.portcullis.policy.values.ValueTests;
import java.util.List;

/**
 * {@code claim: {name: <claim or dotted.path>, <operator>: ...}} with operators {@code is},
 * {@code in}, {@code has}, {@code has_any}, {@code has_all}, {@code lt/lte/gt/gte/eq},
 * {@code matches} (several are AND-ed), or {@code exists: true|false} on its own.
 */
public final class ClaimCriterion extends IdentityCriterion {

    private static final List<String> KEYS = List.of("name", "is", "in", "has", "has_any", "has_all",
            "lt", "lte", "gt", "gte", "eq", "matches", "exists");

    private final ClaimPath claim;
    private final ValueTest test;
    private final boolean mustExist;

    private ClaimCriterion(Position position, ClaimPath claim, ValueTest test, boolean mustExist) {
        super(position);
        this.claim = claim;
        this.test = test;
        this.mustExist = mustExist;
    }

    public static ClaimCriterion parse(MapNode.Entry entry) {
        MapNode map = RuleNodes.operators(entry.value(), "claim", KEYS);
        if (!map.has("name")) {
            throw new InvalidRule(map.position(), "claim: 'name' is required");
        }
        ClaimPath path = ClaimPath.of(RuleNodes.string(map.get("name").orElseThrow(), "claim.name"));
        if (!path.isValid()) {
            throw new InvalidRule(map.get("name").orElseThrow().position(),
                    "claim.name: '" + path.name() + "' has an empty path segment");
        }
        if (map.entries().size() == 1) {
            throw new InvalidRule(map.position(), "claim: an operator is required besides 'name' (one of: "
                    + String.join(", ", KEYS.subList(1, KEYS.size())) + ")");
        }
        MapNode.Entry exists = map.entries().get("exists");
        if (exists != null) {
            if (map.entries().size() > 2) {
                throw new InvalidRule(exists.keyPosition(), "claim: 'exists' cannot be combined with other operators");
            }
            return new ClaimCriterion(entry.keyPosition(), path, null, RuleNodes.bool(exists.value(), "claim.exists"));
        }
        MapNode operators = new MapNode(withoutName(map), map.position());
        return new ClaimCriterion(entry.keyPosition(), path, ValueTests.compile(operators, "claim"), true);
    }

    private static java.util.Map<String, MapNode.Entry> withoutName(MapNode map) {
        java.util.Map<String, MapNode.Entry> rest = new java.util.LinkedHashMap<>(map.entries());
        rest.remove("name");
        return rest;
    }

    @Override
    protected Tri evaluate(IdentityFacts identity, PolicyInput input) {
        Object value = claim.read(identity.claims());
        if (test == null) {
            return Tri.of((value != null) == mustExist);
        }
        return value == null ? Tri.UNKNOWN : test.test(value);
    }

    @Override
    public String passReason() {
        return "claim-ok";
    }

    @Override
    public String failReason(PolicyInput input) {
        return "claim-unauthorized";
    }

    @Override
    public String missingFact() {
        // Presence is always known once there is an identity; only an anonymous request leaves it open.
        return test == null ? "identity" : "claim." + claim.name();
    }
}
