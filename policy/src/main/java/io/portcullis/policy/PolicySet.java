package io.portcullis.policy;

import io.portcullis.config.ConfigProblem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All compiled policies of one config, plus lint warnings (not errors) such as deny rules that a
 * missing attribute can decide.
 */
public record PolicySet(Map<String, Policy> policies, List<ConfigProblem> warnings) {

    public PolicySet {
        policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        warnings = List.copyOf(warnings);
    }

    public Optional<Policy> get(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    /**
     * True when any policy, shadow policies included, tests a {@code risk} signal: only then is there a
     * reason to keep a history of where each subject was allowed from.
     */
    public boolean readsRisk() {
        for (Policy p : policies.values()) {
            if (p.readsRisk()) {
                return true;
            }
        }
        return false;
    }
}
