package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PdpAnswers;
import io.portcullis.policy.PdpQuery;
import io.portcullis.policy.PdpQuestion;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.util.List;

/**
 * {@code authzen: {pdp: <id>, action: <name>, resource: {type: <type>, id: <id>}}}: what an external
 * AuthZEN PDP answered for this subject, action and resource. The id is a literal,
 * {@code {path_segment: N}} (the N-th segment of the canonical path, from 1) or {@code {claim: <name>}}.
 * The criterion only reads the answer the access pipeline fetched before the policy ran: TRUE or FALSE
 * as the PDP said; UNKNOWN (reason {@code pdp-unavailable}) when it was down, slow, or answered
 * something unusable, so an unreachable PDP never allows and a {@code deny} on it fires.
 */
public final class AuthZenCriterion extends IdentityCriterion {

    private static final List<String> KEYS = List.of("pdp", "action", "resource");
    private static final List<String> RESOURCE_KEYS = List.of("type", "id");
    private static final List<String> ID_SOURCES = List.of("path_segment", "claim");

    private final PdpQuery query;

    private AuthZenCriterion(Position position, PdpQuery query) {
        super(position);
        this.query = query;
    }

    public static AuthZenCriterion parse(MapNode.Entry entry) {
        MapNode map = RuleNodes.operators(entry.value(), "authzen", KEYS);
        MapNode.Entry pdp = required(map, "pdp", "authzen");
        String action = RuleNodes.string(required(map, "action", "authzen").value(), "authzen.action");
        MapNode resource = RuleNodes.operators(required(map, "resource", "authzen").value(), "authzen.resource",
                RESOURCE_KEYS);
        String type = RuleNodes.string(required(resource, "type", "authzen.resource").value(), "authzen.resource.type");
        PdpQuery.ResourceId id = resourceId(required(resource, "id", "authzen.resource").value());
        return new AuthZenCriterion(entry.keyPosition(), new PdpQuery(RuleNodes.string(pdp.value(), "authzen.pdp"),
                pdp.value().position(), action, type, id));
    }

    private static MapNode.Entry required(MapNode map, String key, String what) {
        MapNode.Entry e = map.entries().get(key);
        if (e == null) {
            throw new InvalidRule(map.position(), what + ": '" + key + "' is required");
        }
        return e;
    }

    private static PdpQuery.ResourceId resourceId(Node node) {
        String what = "authzen.resource.id";
        if (node instanceof ScalarNode) {
            return new PdpQuery.Fixed(RuleNodes.string(node, what));
        }
        if (!(node instanceof MapNode)) {
            throw RuleNodes.mismatch(node, what, "a value or a map with path_segment or claim");
        }
        MapNode.Entry source = RuleNodes.singleOperator(node, what, ID_SOURCES);
        if (source.key().equals("claim")) {
            ClaimPath claim = ClaimPath.of(RuleNodes.string(source.value(), what + ".claim"));
            if (!claim.isValid()) {
                throw new InvalidRule(source.value().position(), what + ".claim: '" + claim.name()
                        + "' has an empty segment");
            }
            return new PdpQuery.Claim(claim);
        }
        String text = RuleNodes.string(source.value(), what + ".path_segment");
        int index;
        try {
            index = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            index = 0;
        }
        if (index < 1) {
            throw new InvalidRule(source.value().position(), what + ".path_segment: expected a segment number"
                    + " from 1, got '" + text + "'");
        }
        return new PdpQuery.PathSegment(index);
    }

    /** What this criterion asks, for the stage that fetches the answer. */
    public PdpQuery query() {
        return query;
    }

    @Override
    protected Tri evaluate(IdentityFacts identity, PolicyInput input) {
        PdpAnswers answers = input.pdp();
        PdpQuestion question = query.question(input.request(), identity);
        return answers == null || question == null ? Tri.UNKNOWN : answers.answer(question);
    }

    @Override
    public String passReason() {
        return "authzen-permitted";
    }

    @Override
    public String failReason(PolicyInput input) {
        if (input.identity() == null) {
            return "authzen-subject-unknown";
        }
        PdpQuestion question = query.question(input.request(), input.identity());
        if (question == null) {
            return "authzen-resource-unknown";
        }
        return input.pdp() != null && input.pdp().answer(question) == Tri.FALSE ? "authzen-denied" : "pdp-unavailable";
    }

    @Override
    public String missingFact() {
        return null;
    }
}
