package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.util.List;

/**
 * {@code token: { bound: dpop | mtls | any }}: the access token was proven to be the presenter's, by a
 * DPoP proof (RFC 9449), the client certificate (RFC 8705), or either. A token that carried no binding,
 * or whose issuer does not check bindings, is FALSE; an identity whose binding is not known (a session,
 * or facts given without it) is UNKNOWN, which never allows.
 */
public final class TokenCriterion extends IdentityCriterion {

    private static final List<String> OPERATORS = List.of("bound");
    private static final List<String> KINDS = List.of("dpop", "mtls", "any");

    private final String kind;

    private TokenCriterion(Position position, String kind) {
        super(position);
        this.kind = kind;
    }

    public static TokenCriterion parse(MapNode.Entry entry) {
        MapNode.Entry op = RuleNodes.singleOperator(entry.value(), "token", OPERATORS);
        String kind = RuleNodes.string(op.value(), "token.bound");
        if (!KINDS.contains(kind)) {
            throw new InvalidRule(op.value().position(), "token.bound: expected dpop, mtls or any, got " + kind);
        }
        return new TokenCriterion(entry.keyPosition(), kind);
    }

    @Override
    protected Tri evaluate(IdentityFacts identity, PolicyInput input) {
        String binding = identity.tokenBinding();
        if (binding == null) {
            return Tri.UNKNOWN;
        }
        boolean dpop = binding.equals("dpop") || binding.equals("dpop+mtls");
        boolean mtls = binding.equals("mtls") || binding.equals("dpop+mtls");
        return Tri.of(switch (kind) {
            case "dpop" -> dpop;
            case "mtls" -> mtls;
            default -> dpop || mtls;
        });
    }

    @Override
    public String passReason() {
        return "token-bound";
    }

    @Override
    public String failReason(PolicyInput input) {
        return "token-not-bound-" + kind;
    }

    @Override
    public String missingFact() {
        return "token.binding";
    }
}
