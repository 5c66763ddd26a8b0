package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.util.List;

/**
 * {@code email: {is: a@b.c} | {in: [..]}} on the {@code email} claim, compared ignoring ASCII case
 * (addresses are case-insensitive in practice at every mainstream IdP).
 */
public final class EmailCriterion extends EmailClaimCriterion {

    private static final List<String> OPERATORS = List.of("is", "in");

    private final String[] addresses;

    private EmailCriterion(Position position, List<String> addresses) {
        super(position);
        this.addresses = addresses.toArray(new String[0]);
    }

    public static EmailCriterion parse(MapNode.Entry entry) {
        MapNode.Entry op = RuleNodes.singleOperator(entry.value(), "email", OPERATORS);
        String what = "email." + op.key();
        List<String> addresses = RuleNodes.operandStrings(op, what);
        for (String a : addresses) {
            if (!EmailClaim.wellFormed(a)) {
                throw new InvalidRule(op.value().position(), what + ": '" + a + "' is not an email address");
            }
        }
        return new EmailCriterion(entry.keyPosition(), addresses);
    }

    @Override
    protected boolean matches(String email) {
        for (String a : addresses) {
            if (AsciiCase.equals(a, email)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String passReason() {
        return "email-ok";
    }

    @Override
    public String failReason(PolicyInput input) {
        return "email-unauthorized";
    }
}
