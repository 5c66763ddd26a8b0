package io.portcullis.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What did bind of a config that has problems elsewhere: enough for the checks that run after
 * loading (policy compilation, reading key files) to report their problems in the same pass, so
 * {@code check} lists every mistake at once instead of revealing them one layer at a time.
 *
 * @param policies     every policy that bound (one whose entry was not a map is an empty stand-in,
 *                     so references to it add no noise)
 * @param conditions   every named condition
 * @param mfaAmrValues as bound, or the default
 * @param sso          the {@code sso} section if it bound, else null
 * @param assertion    the {@code assertion} section if it bound, else null
 */
public record PartialConfig(Map<String, PolicySpec> policies, Map<String, ConditionSpec> conditions,
                            List<String> mfaAmrValues, SsoConfig sso, AssertionConfig assertion) {

    public PartialConfig {
        Map<String, PolicySpec> copy = new LinkedHashMap<>();
        policies.forEach((id, spec) -> copy.put(id, spec != null ? spec
                : new PolicySpec(id, null, null, null, null, List.of(), PolicySpec.ENFORCE, Position.unknown(""))));
        policies = Collections.unmodifiableMap(copy);
        Map<String, ConditionSpec> conds = new LinkedHashMap<>();
        conditions.forEach((name, spec) -> {
            if (spec != null) {
                conds.put(name, spec);
            }
        });
        conditions = Collections.unmodifiableMap(conds);
        mfaAmrValues = List.copyOf(mfaAmrValues);
    }
}
