package io.portcullis.policy.require;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.policy.compile.Hints;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.DurationText;
import io.portcullis.policy.compile.RuleNodes;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@code require} map: {@code mfa: true}, {@code max_auth_age: <duration>},
 * {@code acr: [..]}.
 */
public final class RequirementCompiler {

    private static final List<String> KEYS = List.of("mfa", "max_auth_age", "acr");

    private RequirementCompiler() {
    }

    public static List<Requirement> compile(Node node, List<String> mfaAmrValues) {
        MapNode map = RuleNodes.map(node, "require");
        List<Requirement> out = new ArrayList<>();
        for (MapNode.Entry e : map.entries().values()) {
            switch (e.key()) {
                case "mfa" -> {
                    if (RuleNodes.bool(e.value(), "require.mfa")) {
                        if (mfaAmrValues.isEmpty()) {
                            throw new InvalidRule(e.value().position(),
                                    "require.mfa: no MFA amr values are configured, so it could never be met");
                        }
                        out.add(new MfaRequirement(mfaAmrValues));
                    }
                }
                case "max_auth_age" -> out.add(new MaxAuthAgeRequirement(
                        DurationText.parse(e.value(), "require.max_auth_age")));
                case "acr" -> out.add(new AcrRequirement(RuleNodes.strings(e.value(), "require.acr")));
                default -> throw new InvalidRule(e.keyPosition(), "unknown requirement '" + e.key() + "'"
                        + Hints.suggest(e.key(), KEYS));
            }
        }
        return out;
    }
}
