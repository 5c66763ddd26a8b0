package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.DurationText;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.values.ComparisonOp;
import java.util.List;

/**
 * {@code auth_age: {lte: 15m}}: how long ago the user logged in ({@code now - auth_time}, epoch
 * seconds), with {@code lt/lte/gt/gte} durations AND-ed. Without {@code auth_time} it is UNKNOWN.
 */
public final class AuthAgeCriterion extends IdentityCriterion {

    private static final List<String> OPERATORS = List.of("lt", "lte", "gt", "gte");

    private final ComparisonOp[] ops;
    private final long[] limitsSeconds;
    private final String failReason;

    private AuthAgeCriterion(Position position, ComparisonOp[] ops, long[] limitsSeconds) {
        super(position);
        this.ops = ops;
        this.limitsSeconds = limitsSeconds;
        boolean onlyUpperBounds = true;
        for (ComparisonOp op : ops) {
            onlyUpperBounds &= op == ComparisonOp.LT || op == ComparisonOp.LTE;
        }
        this.failReason = onlyUpperBounds ? "auth-too-old" : "auth-age-failed";
    }

    public static AuthAgeCriterion parse(MapNode.Entry entry) {
        MapNode map = RuleNodes.operators(entry.value(), "auth_age", OPERATORS);
        ComparisonOp[] ops = new ComparisonOp[map.entries().size()];
        long[] limits = new long[ops.length];
        int i = 0;
        for (MapNode.Entry e : map.entries().values()) {
            ops[i] = ComparisonOp.byName(e.key());
            limits[i] = DurationText.parse(e.value(), "auth_age." + e.key()).getSeconds();
            i++;
        }
        return new AuthAgeCriterion(entry.keyPosition(), ops, limits);
    }

    @Override
    protected Tri evaluate(IdentityFacts identity, PolicyInput input) {
        if (input.now() == null || !(identity.claim("auth_time") instanceof Number authTime)) {
            return Tri.UNKNOWN;
        }
        long age = input.now().getEpochSecond() - authTime.longValue();
        for (int i = 0; i < ops.length; i++) {
            if (!ops[i].holds(Long.compare(age, limitsSeconds[i]))) {
                return Tri.FALSE;
            }
        }
        return Tri.TRUE;
    }

    @Override
    public String passReason() {
        return "auth-age-ok";
    }

    @Override
    public String failReason(PolicyInput input) {
        IdentityFacts identity = input.identity();
        boolean known = identity != null && identity.claim("auth_time") instanceof Number;
        return known ? failReason : "auth-time-missing";
    }

    @Override
    public String missingFact() {
        return "claim.auth_time";
    }
}
