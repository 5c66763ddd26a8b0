package io.portcullis.policy;

import io.portcullis.config.ConditionSpec;
import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.PolicySpec;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.yaml.Node;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.NamedConditions;
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
import java.util.Set;

/**
 * Compiles policy specs, and the named conditions they reference, into immutable evaluation trees
 * once per config load. Every problem is reported with file:line:col.
 */
public final class PolicyCompiler {

    private static final CriterionRegistry REGISTRY = CriterionRegistry.standard();

    private PolicyCompiler() {
    }

    /**
     * Compiles policies that reference no named conditions.
     *
     * @param mfaAmrValues the {@code amr} values that count as multi-factor for {@code require.mfa}
     * @throws ConfigException listing every problem of every policy
     */
    public static PolicySet compile(Map<String, PolicySpec> specs, List<String> mfaAmrValues) throws ConfigException {
        return compile(specs, Map.of(), mfaAmrValues);
    }

    /** Compiles the policies and named conditions of a loaded config. */
    public static PolicySet compile(PortcullisConfig config) throws ConfigException {
        return compile(config.policies(), config.conditions(), config.identity().mfaAmrValues(),
                config.authzenPdps().keySet());
    }

    /**
     * @param conditions the named conditions rules may reference as {@code {condition: <name>}}; each is
     *                   compiled (and its problems reported) even when no rule references it
     * @throws ConfigException listing every problem of every policy and condition
     */
    public static PolicySet compile(Map<String, PolicySpec> specs, Map<String, ConditionSpec> conditions,
            List<String> mfaAmrValues) throws ConfigException {
        return compile(specs, conditions, mfaAmrValues, null);
    }

    /**
     * @param pdpIds the ids under {@code authzen_pdps} an {@code authzen} criterion may name, or null
     *               when they are not known (a partial config): then the ids are not checked
     */
    public static PolicySet compile(Map<String, PolicySpec> specs, Map<String, ConditionSpec> conditions,
            List<String> mfaAmrValues, Set<String> pdpIds) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        NamedConditions named = new NamedConditions(conditions);
        RuleCompiler rules = new RuleCompiler(REGISTRY, problems, named);
        Map<String, Condition> allows = new LinkedHashMap<>();
        Map<String, PolicyIncludes.Own> own = new LinkedHashMap<>();
        for (PolicySpec spec : specs.values()) {
            Condition allow = spec.allow() == null ? null : rules.compile(spec.allow(), "allow");
            Condition deny = spec.deny() == null ? null : rules.compile(spec.deny(), "deny");
            List<Requirement> requirements = requirements(spec, allow, mfaAmrValues, problems);
            List<ChallengeRule> challenges = ChallengeCompiler.compile(spec.challenge(), rules, mfaAmrValues, problems);
            if (spec.challenge() != null && allow != null && isPublic(allow)) {
                problems.add(new ConfigProblem(spec.challenge().position(), "challenge: a policy with 'public: true'"
                        + " admits anonymous requests, so it cannot challenge them; remove 'challenge' or 'public'"));
            }
            allows.put(spec.id(), allow);
            own.put(spec.id(), new PolicyIncludes.Own(spec.id(), deny, requirements, challenges, spec.include()));
            if (deny != null) {
                warnAboutMissingFacts(deny, warnings);
            }
        }
        compileUnreferenced(conditions, named, rules, warnings);
        PolicyIncludes includes = new PolicyIncludes(own, problems);
        Map<String, Policy> policies = new LinkedHashMap<>();
        for (PolicySpec spec : specs.values()) {
            PolicyIncludes.Merged merged = includes.merged(spec.id());
            Condition allow = allows.get(spec.id());
            checkInherited(spec, allow, merged, problems);
            checkChallengeAcr(spec, merged, problems);
            CompiledPolicy policy = new CompiledPolicy(spec.id(), allow, merged.deny(), merged.require(),
                    merged.challenges(), spec.isShadow(), spec.allow() == null ? null : spec.allow().position());
            checkPdps(policy, pdpIds, problems);
            policies.put(spec.id(), policy);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PolicySet(policies, warnings);
    }

    /** Every {@code authzen} criterion must name a declared PDP; each unknown id is reported where written. */
    private static void checkPdps(Policy policy, Set<String> pdpIds, List<ConfigProblem> problems) {
        if (pdpIds == null) {
            return;
        }
        for (PdpQuery q : policy.pdpQueries()) {
            ConfigProblem problem = new ConfigProblem(q.pdpPosition(), "authzen.pdp: unknown PDP '" + q.pdp()
                    + "'" + (pdpIds.isEmpty() ? " (declare it under authzen_pdps)"
                    : " (declared: " + String.join(", ", pdpIds) + ")"));
            if (!pdpIds.contains(q.pdp()) && !problems.contains(problem)) {
                problems.add(problem);
            }
        }
    }

    /** Named conditions no policy referenced still have their problems reported, and are flagged unused. */
    private static void compileUnreferenced(Map<String, ConditionSpec> conditions, NamedConditions named,
            RuleCompiler rules, List<ConfigProblem> warnings) {
        for (String name : conditions.keySet()) {
            if (!named.isReferenced(name)) {
                rules.compileNamed(name);
            }
        }
        for (ConditionSpec c : conditions.values()) {
            if (!named.isReferenced(c.name())) {
                warnings.add(new ConfigProblem(c.position(), "condition '" + c.name() + "' is not used by any rule"));
            }
        }
    }

    /**
     * Requirements a public policy inherits could never be met by the anonymous requests it admits,
     * and acr lists without a common value could never be met at all.
     */
    private static void checkInherited(PolicySpec spec, Condition allow, PolicyIncludes.Merged merged,
            List<ConfigProblem> problems) {
        if (spec.include().isEmpty()) {
            return;
        }
        Node at = spec.include().get(0);
        if (allow != null && isPublic(allow) && spec.require() == null && spec.challenge() == null
                && (!merged.require().isEmpty() || !merged.challenges().isEmpty())) {
            problems.add(new ConfigProblem(at.position(), "include: the included policies add requirements or"
                    + " challenges, but a policy with 'public: true' admits anonymous requests"));
        }
        if (acrUnsatisfiable(merged.require())) {
            problems.add(new ConfigProblem(at.position(), "include: the acr values this policy and the policies it"
                    + " includes require have none in common, so the policy could never be met"));
        }
    }

    /** A challenge must be passable: its acr values and the policy's need one in common. */
    private static void checkChallengeAcr(PolicySpec spec, PolicyIncludes.Merged merged, List<ConfigProblem> problems) {
        for (ChallengeRule rule : merged.challenges()) {
            List<Requirement> all = new ArrayList<>(merged.require());
            all.addAll(rule.require());
            if (!acrUnsatisfiable(merged.require()) && acrUnsatisfiable(all)) {
                Node at = spec.challenge() != null ? spec.challenge() : spec.include().get(0);
                problems.add(new ConfigProblem(at.position(), "challenge: its acr values and the policy's require"
                        + " have none in common, so the challenge could never be passed"));
                return;
            }
        }
    }

    /** True when some requirement asks for acr values and no value satisfies all of them. */
    private static boolean acrUnsatisfiable(List<Requirement> requirements) {
        boolean asksAcr = requirements.stream().anyMatch(r -> !r.stepUp().acrValues().isEmpty());
        return asksAcr && ChallengeRule.stepUpOf(requirements).acrValues().isEmpty();
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

    /**
     * Lets {@code check} say which deny rules a missing attribute alone would fire. A named condition
     * used by several deny rules is warned about once, where it is written.
     */
    private static void warnAboutMissingFacts(Condition deny, List<ConfigProblem> warnings) {
        List<Criterion> criteria = new ArrayList<>();
        deny.collectCriteria(criteria);
        for (Criterion c : criteria) {
            String fact = c.missingFact();
            if (fact != null) {
                ConfigProblem warning = new ConfigProblem(c.position(), "deny rule can be decided by a missing"
                        + " attribute " + fact + " (a request without it is denied)");
                if (!warnings.contains(warning)) {
                    warnings.add(warning);
                }
            }
        }
    }
}
