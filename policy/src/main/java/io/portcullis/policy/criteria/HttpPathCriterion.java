package io.portcullis.policy.criteria;

import com.google.re2j.Pattern;
import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.util.ArrayList;
import io.portcullis.policy.values.RegexTest;
import io.portcullis.policy.values.SafeRegex;
import java.util.List;

/**
 * {@code http_path: {is: /x} | {starts_with: /api} | {glob: /api/**} | {regex: ...}}
 * (a pattern or a list of them) on the canonical request path, the one used for routing. Paths
 * longer than {@link SafeRegex#MAX_INPUT} are UNKNOWN for {@code regex}.
 */
public final class HttpPathCriterion extends RequestCriterion {

    private static final List<String> OPERATORS = List.of("is", "starts_with", "glob", "regex");

    private final PathPattern[] patterns;

    private HttpPathCriterion(Position position, List<PathPattern> patterns) {
        super(position, "path-ok", "path-not-allowed");
        this.patterns = patterns.toArray(new PathPattern[0]);
    }

    public static HttpPathCriterion parse(MapNode.Entry entry) {
        MapNode.Entry op = RuleNodes.singleOperator(entry.value(), "http_path", OPERATORS);
        String what = "http_path." + op.key();
        List<PathPattern> patterns = new ArrayList<>();
        for (ScalarNode s : RuleNodes.scalars(op.value(), what)) {
            patterns.add(pattern(op.key(), s, what));
        }
        return new HttpPathCriterion(entry.keyPosition(), patterns);
    }

    private static PathPattern pattern(String operator, ScalarNode node, String what) {
        if (operator.equals("regex")) {
            Pattern regex = SafeRegex.compile(node, what);
            return new RegexTest(regex)::test;
        }
        String path = RuleNodes.string(node, what);
        try {
            return switch (operator) {
                case "glob" -> PathGlob.compile(path);
                case "starts_with" -> PathPattern.prefix(path);
                default -> PathPattern.exact(path);
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidRule(node.position(), what + ": " + e.getMessage());
        }
    }

    @Override
    protected Tri evaluate(RequestFacts request) {
        String path = request.path();
        if (path == null) {
            return Tri.UNKNOWN;
        }
        Tri result = Tri.FALSE;
        for (int i = 0; i < patterns.length && result != Tri.TRUE; i++) {
            result = result.or(patterns[i].test(path));
        }
        return result;
    }
}
