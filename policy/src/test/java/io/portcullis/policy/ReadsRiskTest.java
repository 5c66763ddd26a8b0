package io.portcullis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.policy.testing.PolicyYaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which policies test a {@code risk} signal, wherever it is written (allow, deny, a challenge's
 * {@code when}, nested, shadow): the proxy keeps a risk history only for a config where one does.
 */
class ReadsRiskTest {

    private static final String POLICIES = """
            policies:
              plain:
                allow: { authenticated: true }
              claims:
                allow: { and: [ { authenticated: true }, { claim: { name: groups, has: admins } } ] }
                deny: { device: { compliant: false } }
              in_allow:
                allow: { and: [ { authenticated: true }, { risk: { new_device: false } } ] }
              in_deny:
                allow: { authenticated: true }
                deny: { risk: { new_network: true } }
              in_challenge:
                allow: { authenticated: true }
                challenge:
                  when: { or: [ { http_method: { is: DELETE } }, { risk: { new_network: true } } ] }
                  require: { max_auth_age: 10m }
              in_shadow:
                mode: shadow
                allow: { risk: { new_device: false } }
            """;

    @Test
    void eachPolicySaysWhetherItTestsARiskSignal() {
        PolicySet set = PolicyYaml.policies(POLICIES);
        Map<String, Boolean> expected = Map.of("plain", false, "claims", false, "in_allow", true,
                "in_deny", true, "in_challenge", true, "in_shadow", true);
        expected.forEach((id, reads) ->
                assertEquals(reads, set.get(id).orElseThrow().readsRisk(), id));
    }

    @Test
    void aSetReadsRiskWhenAnyOfItsPoliciesDoesShadowIncluded() {
        assertTrue(PolicyYaml.policies(POLICIES).readsRisk());
        assertFalse(PolicyYaml.policies("""
                policies:
                  plain:
                    allow: { authenticated: true }
                """).readsRisk());
        assertTrue(PolicyYaml.policies("""
                policies:
                  plain:
                    allow: { authenticated: true }
                  trial:
                    mode: shadow
                    allow: { risk: { new_network: false } }
                """).readsRisk(), "a shadow policy is evaluated with the same facts");
    }
}
