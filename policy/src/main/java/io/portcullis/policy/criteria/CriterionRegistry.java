package io.portcullis.policy.criteria;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The criteria a policy may name, each with its parser. The one place a new criterion is added.
 */
public final class CriterionRegistry {

    private final Map<String, CriterionParser> parsers;

    private CriterionRegistry(Map<String, CriterionParser> parsers) {
        this.parsers = Collections.unmodifiableMap(parsers);
    }

    /** Every built-in criterion. */
    public static CriterionRegistry standard() {
        Map<String, CriterionParser> p = new LinkedHashMap<>();
        p.put("public", PublicCriterion::parse);
        p.put("authenticated", AuthenticatedCriterion::parse);
        p.put("groups", GroupsCriterion::parse);
        p.put("claim", ClaimCriterion::parse);
        p.put("user", UserCriterion::parse);
        p.put("email", EmailCriterion::parse);
        p.put("email_domain", EmailDomainCriterion::parse);
        p.put("acr", AcrCriterion::parse);
        p.put("amr", AmrCriterion::parse);
        p.put("auth_age", AuthAgeCriterion::parse);
        p.put("device", DeviceCriterion::parse);
        p.put("source_ip", SourceIpCriterion::parse);
        p.put("http_method", HttpMethodCriterion::parse);
        p.put("http_path", HttpPathCriterion::parse);
        p.put("time", TimeWindowCriterion::parse);
        p.put("valid_between", ValidBetweenCriterion::parse);
        p.put("risk", RiskCriterion::parse);
        p.put("header", HeaderCriterion::parse);
        p.put("token", TokenCriterion::parse);
        p.put("authzen", AuthZenCriterion::parse);
        return new CriterionRegistry(p);
    }

    public Optional<CriterionParser> get(String name) {
        return Optional.ofNullable(parsers.get(name));
    }

    /** The registered names, in documentation order. */
    public Set<String> names() {
        return parsers.keySet();
    }
}
