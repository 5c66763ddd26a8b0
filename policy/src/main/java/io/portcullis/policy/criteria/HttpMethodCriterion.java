package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.logic.Exclusive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code http_method: {is: GET} | {in: [GET, HEAD]}}. Methods are case-sensitive on the wire
 * (RFC 9110), so the policy's names are upper-cased once and compared exactly.
 */
public final class HttpMethodCriterion extends RequestCriterion implements Exclusive {

    private static final List<String> OPERATORS = List.of("is", "in");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z]+");

    private final String[] methods;

    private HttpMethodCriterion(Position position, List<String> methods) {
        super(position, "method-ok", "method-not-allowed");
        this.methods = methods.toArray(new String[0]);
    }

    public static HttpMethodCriterion parse(MapNode.Entry entry) {
        MapNode.Entry op = RuleNodes.singleOperator(entry.value(), "http_method", OPERATORS);
        String what = "http_method." + op.key();
        List<String> names = RuleNodes.operandStrings(op, what);
        List<String> methods = new ArrayList<>();
        for (String name : names) {
            if (!TOKEN.matcher(name).matches()) {
                throw new InvalidRule(op.value().position(), what + ": '" + name + "' is not an HTTP method");
            }
            methods.add(name.toUpperCase(Locale.ROOT));
        }
        return new HttpMethodCriterion(entry.keyPosition(), methods);
    }

    /** Two method tests with no method in common can never both hold. */
    @Override
    public boolean excludes(Condition other) {
        if (!(other instanceof HttpMethodCriterion o)) {
            return false;
        }
        for (String m : methods) {
            for (String n : o.methods) {
                if (m.equals(n)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    protected Tri evaluate(RequestFacts request) {
        String method = request.method();
        if (method == null) {
            return Tri.UNKNOWN;
        }
        for (String m : methods) {
            if (m.equals(method)) {
                return Tri.TRUE;
            }
        }
        return Tri.FALSE;
    }
}
