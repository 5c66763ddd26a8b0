package io.portcullis.policy;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.policy.compile.Hints;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleCompiler;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.require.Requirement;
import io.portcullis.policy.require.RequirementCompiler;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a policy's {@code challenge}: one {@code {when: <rule>, require: {..}}} map or a
 * non-empty list of them. Both keys are required, and {@code require} must ask for something.
 */
final class ChallengeCompiler {

    private static final List<String> KEYS = List.of("when", "require");

    private ChallengeCompiler() {
    }

    /** The rules, or an empty list with problems added. */
    static List<ChallengeRule> compile(Node node, RuleCompiler rules, List<String> mfaAmrValues,
            List<ConfigProblem> problems) {
        if (node == null) {
            return List.of();
        }
        List<Node> items = new ArrayList<>();
        if (node instanceof ListNode list) {
            if (list.items().isEmpty()) {
                problems.add(new ConfigProblem(list.position(), "challenge: the list must not be empty"));
            }
            items.addAll(list.items());
        } else {
            items.add(node);
        }
        List<ChallengeRule> out = new ArrayList<>();
        for (Node item : items) {
            ChallengeRule rule = one(item, rules, mfaAmrValues, problems);
            if (rule != null) {
                out.add(rule);
            }
        }
        return out;
    }

    private static ChallengeRule one(Node node, RuleCompiler rules, List<String> mfaAmrValues,
            List<ConfigProblem> problems) {
        try {
            MapNode map = RuleNodes.map(node, "challenge");
            for (MapNode.Entry e : map.entries().values()) {
                if (!KEYS.contains(e.key())) {
                    throw new InvalidRule(e.keyPosition(), "unknown key '" + e.key() + "' in challenge"
                            + Hints.suggest(e.key(), KEYS));
                }
            }
            Node when = map.get("when").orElseThrow(() ->
                    new InvalidRule(map.position(), "challenge: 'when' is required"));
            Node require = map.get("require").orElseThrow(() ->
                    new InvalidRule(map.position(), "challenge: 'require' is required"));
            Condition condition = rules.compile(when, "challenge.when");
            List<Requirement> requirements = RequirementCompiler.compile(require, mfaAmrValues);
            if (requirements.isEmpty()) {
                throw new InvalidRule(require.position(), "challenge.require: asks for nothing, so it never challenges");
            }
            return condition == null ? null
                    : new ChallengeRule(condition, requirements, ChallengeRule.stepUpOf(requirements));
        } catch (InvalidRule e) {
            problems.add(e.problem());
            return null;
        }
    }
}
