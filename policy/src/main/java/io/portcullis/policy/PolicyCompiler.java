package io.portcullis.policy;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.PolicySpec;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleCompiler;
import io.portcullis.policy.criteria.CriterionRegistry;
import io.portcullis.policy.criteria.PublicCriterion;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.logic.Criterion;
import io.portcullis.policy.require.Requirement;
import io.portcullis.policy.require.RequirementCompiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles policy specs into immutable evaluation trees once per config load. Every problem is
 * reported with file:line:col.
 */
public final class PolicyCompiler {

    private static final CriterionRegistry REGISTRY = CriterionRegistry.standard();

    private PolicyCompiler() {
    }

    /**
     * @param mfaAmrValues the {@code amr} values that count as multi-factor for {@code require.mfa}
     * @throws ConfigException listing every problem of every policy
     */
    public static PolicySet compile(Map<String, PolicySpec> specs, List<String> mfaAmrValues) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        Map<String, Policy> policies = new LinkedHashMap<>();
        RuleCompiler rules = new RuleCompiler(REGISTRY, problems);
        for (Map.Entry<String, PolicySpec> e : specs.entrySet()) {
            PolicySpec spec = e.getValue();
            int before = problems.size();
            Condition allow = spec.allow() == null ? null : rules.compile(spec.allow(), "allow");
            Condition deny = spec.deny() == null ? null : rules.compile(spec.deny(), "deny");
            List<Requirement> requirements = requirements(spec, allow, mfaAmrValues, problems);
            if (problems.size() == before) {
                policies.put(e.getKey(), new CompiledPolicy(e.getKey(), allow, deny, requirements));
                if (deny != null) {
                    warnAboutMissingFacts(deny, warnings);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PolicySet(policies, warnings);
    }

    private static List<Requirement> requirements(PolicySpec spec, Condition allow, List<String> mfaAmrValues,
                                                  List<ConfigProblem> problems) {
        if (spec.require() == null) {
            return List.of();
        }
        if (allow != null && isPublic(allow)) {
            problems.add(new ConfigProblem(spec.require().position(),
                    "require: a policy with 'public: true' admits anonymous requests, so it cannot require"
                            + " anything of a login; remove 'require' or 'public'"));
            return List.of();
        }
        try {
            return RequirementCompiler.compile(spec.require(), mfaAmrValues);
        } catch (InvalidRule ex) {
            problems.add(ex.problem());
            return List.of();
        }
    }

    private static boolean isPublic(Condition allow) {
        List<Criterion> criteria = new ArrayList<>();
        allow.collectCriteria(criteria);
        for (Criterion c : criteria) {
            if (c instanceof PublicCriterion) {
                return true;
            }
        }
        return false;
    }

    /** Lets {@code check} say which deny rules a missing attribute alone would fire. */
    private static void warnAboutMissingFacts(Condition deny, List<ConfigProblem> warnings) {
        List<Criterion> criteria = new ArrayList<>();
        deny.collectCriteria(criteria);
        for (Criterion c : criteria) {
            String fact = c.missingFact();
            if (fact != null) {
                warnings.add(new ConfigProblem(c.position(), "deny rule can be decided by a missing attribute "
                        + fact + " (a request without it is denied)"));
            }
        }
    }
}
