package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.RuleNodes;
import java.util.List;

/** {@code user: {is: <sub>} | {in: [..]}}: the verified subject, compared exactly. */
public final class UserCriterion extends IdentityCriterion {

    private static final List<String> OPERATORS = List.of("is", "in");

    private final String[] subjects;

    private UserCriterion(Position position, List<String> subjects) {
        super(position);
        this.subjects = subjects.toArray(new String[0]);
    }

    public static UserCriterion parse(MapNode.Entry entry) {
        MapNode.Entry op = RuleNodes.singleOperator(entry.value(), "user", OPERATORS);
        return new UserCriterion(entry.keyPosition(), RuleNodes.operandStrings(op, "user." + op.key()));
    }

    @Override
    protected Tri evaluate(IdentityFacts identity, PolicyInput input) {
        String subject = identity.subject();
        if (subject == null) {
            return Tri.UNKNOWN;
        }
        for (String s : subjects) {
            if (s.equals(subject)) {
                return Tri.TRUE;
            }
        }
        return Tri.FALSE;
    }

    @Override
    public String passReason() {
        return "user-ok";
    }

    @Override
    public String failReason(PolicyInput input) {
        return "user-unauthorized";
    }

    @Override
    public String missingFact() {
        return "claim.sub";
    }
}
