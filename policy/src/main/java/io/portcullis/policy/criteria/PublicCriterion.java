package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.logic.Criterion;
import java.util.EnumSet;

/** {@code public: true}: always TRUE, with or without an identity. */
public final class PublicCriterion extends Criterion {

    PublicCriterion(Position position) {
        super(position);
    }

    public static PublicCriterion parse(MapNode.Entry entry) {
        if (!RuleNodes.bool(entry.value(), "public")) {
            throw new InvalidRule(entry.value().position(),
                    "public: only 'public: true' is allowed; to refuse everyone leave out 'allow'");
        }
        return new PublicCriterion(entry.keyPosition());
    }

    @Override
    public Tri evaluate(PolicyInput input) {
        return Tri.TRUE;
    }

    @Override
    public String passReason() {
        return "public";
    }

    @Override
    public String failReason(PolicyInput input) {
        return "public";
    }

    @Override
    public String missingFact() {
        return null;
    }

    @Override
    protected boolean readsIdentity() {
        return false;
    }

    @Override
    public EnumSet<Tri> outcomesWithoutIdentity() {
        return EnumSet.of(Tri.TRUE);
    }

    @Override
    public EnumSet<Tri> possibleOutcomes() {
        return EnumSet.of(Tri.TRUE);
    }
}
