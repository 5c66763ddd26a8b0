package io.portcullis.proxy.tools.explain;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.PolicySpec;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.yaml.Node;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.RuleCompiler;
import io.portcullis.policy.criteria.CriterionRegistry;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.logic.Criterion;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates every criterion of a policy's deny and allow rules one by one, for {@code explain}. The
 * trees are compiled from the same YAML with the same compiler as the enforced policy, which stays
 * the authority on the decision itself: this only shows which criteria moved it.
 */
public final class RuleTracer {

    private final PortcullisConfig config;
    private final SourceSnippet snippets = new SourceSnippet();

    public RuleTracer(PortcullisConfig config) {
        this.config = config;
    }

    public List<CriterionTrace> trace(String policyId, PolicyInput input) {
        PolicySpec spec = config.policies().get(policyId);
        List<CriterionTrace> out = new ArrayList<>();
        if (spec == null) {
            return out;
        }
        RuleCompiler compiler = new RuleCompiler(CriterionRegistry.standard(), new ArrayList<ConfigProblem>());
        add(out, "deny", compiler, spec.deny(), input, true);
        add(out, "allow", compiler, spec.allow(), input, false);
        return out;
    }

    private void add(List<CriterionTrace> out, String part, RuleCompiler compiler, Node rule, PolicyInput input,
                     boolean deny) {
        if (rule == null) {
            return;
        }
        Condition tree = compiler.compile(rule, part);
        if (tree == null) {
            return;
        }
        List<Criterion> criteria = new ArrayList<>();
        tree.collectCriteria(criteria);
        for (Criterion c : criteria) {
            Tri value = c.evaluate(input);
            boolean refuses = deny ? value != Tri.FALSE : value != Tri.TRUE;
            // A deny criterion that is FALSE simply did not fire: it has nothing to report.
            String reason = refuses ? c.failReason(input) : (deny ? "-" : c.passReason());
            out.add(new CriterionTrace(part, c.position(), snippets.at(c.position()), value, reason, refuses));
        }
    }
}
