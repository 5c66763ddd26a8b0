package io.portcullis.policy;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.PolicySpec;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteConfig;
import io.portcullis.config.yaml.ScalarNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Warnings about policies that load but are probably mistakes, for {@code portcullis check}. Each
 * check is cheap and sound: what it flags is certainly so, though it does not find every such case.
 */
public final class PolicyLint {

    private PolicyLint() {
    }

    /**
     * Policies no route names, as {@code policy} or {@code shadow_policy}, and that no such policy
     * includes (directly or through others).
     */
    public static List<ConfigProblem> unusedPolicies(PortcullisConfig config) {
        Set<String> used = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (RouteConfig r : config.routes()) {
            todo.add(r.access().policy());
            if (r.access().shadowPolicy() != null) {
                todo.add(r.access().shadowPolicy());
            }
        }
        while (!todo.isEmpty()) {
            String id = todo.poll();
            PolicySpec spec = config.policies().get(id);
            if (spec != null && used.add(id)) {
                for (ScalarNode inc : spec.include()) {
                    todo.add(inc.value());
                }
            }
        }
        List<ConfigProblem> out = new ArrayList<>();
        for (PolicySpec spec : config.policies().values()) {
            if (!used.contains(spec.id())) {
                out.add(new ConfigProblem(spec.position(), "policy '" + spec.id() + "' is not used by any route"
                        + (spec.isShadow() ? " (name it as a route's shadow_policy)" : "")));
            }
        }
        return out;
    }

    /**
     * Policies whose {@code allow} can never be TRUE, so they deny every request: e.g. an {@code and}
     * of {@code http_method: {is: GET}} and {@code http_method: {is: POST}}, or {@code public: true}
     * inside {@code not}.
     */
    public static List<ConfigProblem> neverTrueAllowRules(PolicySet policies) {
        List<ConfigProblem> out = new ArrayList<>();
        for (Policy p : policies.policies().values()) {
            if (p instanceof CompiledPolicy c && c.allow() != null && !c.allow().possibleOutcomes().contains(Tri.TRUE)) {
                out.add(new ConfigProblem(c.allowPosition(), "allow rule of policy '" + c.id()
                        + "' can never be TRUE, so the policy denies every request"));
            }
        }
        return out;
    }
}
