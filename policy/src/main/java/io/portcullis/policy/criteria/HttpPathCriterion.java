package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code http_path: {is: /x} | {starts_with: /api}} (a path or a list of them) on the canonical
 * request path, the one used for routing.
 */
public final class HttpPathCriterion extends RequestCriterion {

    private static final List<String> OPERATORS = List.of("is", "starts_with");

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
            String path = RuleNodes.string(s, what);
            if (!path.startsWith("/")) {
                throw new InvalidRule(s.position(), what + ": '" + path + "' must start with '/'");
            }
            patterns.add(op.key().equals("is") ? PathPattern.exact(path) : PathPattern.prefix(path));
        }
        return new HttpPathCriterion(entry.keyPosition(), patterns);
    }

    @Override
    protected Tri evaluate(RequestFacts request) {
        String path = request.path();
        if (path == null) {
            return Tri.UNKNOWN;
        }
        for (PathPattern p : patterns) {
            if (p.matches(path)) {
                return Tri.TRUE;
            }
        }
        return Tri.FALSE;
    }
}
