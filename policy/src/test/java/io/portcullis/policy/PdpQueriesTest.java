package io.portcullis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.policy.testing.Facts;
import io.portcullis.policy.testing.PolicyYaml;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code authzen} criterion inside policies: which questions a policy asks (so the pipeline can
 * fetch the answers first), that a PDP id must be declared, and that an unavailable PDP fails closed in
 * an allow and fires a deny.
 */
class PdpQueriesTest {

    private static final String POLICIES = """
            policies:
              docs:
                deny: { authzen: { pdp: audit, action: blocked, resource: { type: user, id: { claim: sub } } } }
                allow:
                  and:
                    - authenticated: true
                    - authzen: { pdp: docs, action: can_read, resource: { type: document, id: { path_segment: 2 } } }
              plain:
                allow: { authenticated: true }
            """;

    @Test
    void aPolicyListsTheQuestionsItsRulesAsk() {
        PolicySet set = PolicyYaml.policies(POLICIES);
        List<String> asked = set.get("docs").orElseThrow().pdpQueries().stream()
                .map(q -> q.pdp() + ":" + q.action() + ":" + q.resourceType()).toList();
        assertEquals(List.of("audit:blocked:user", "docs:can_read:document"), asked);
        assertEquals(List.of(), set.get("plain").orElseThrow().pdpQueries());
    }

    @Test
    void anUnavailablePdpNeverAllowsAndFiresTheDeny() {
        Policy docs = PolicyYaml.policies(POLICIES).get("docs").orElseThrow();
        Decision unavailable = docs.evaluate(Facts.user("sub", "alice").path("/docs/42").pdpUnavailable().input());
        assertEquals(Outcome.DENY, unavailable.outcome());
        assertEquals("deny", unavailable.rule(), "the deny rule fires on UNKNOWN");
        assertEquals(List.of("pdp-unavailable"), unavailable.reasons());

        Decision notBlocked = docs.evaluate(Facts.user("sub", "alice").path("/docs/42")
                .pdp("audit", "blocked", "user", "alice", false).input());
        assertEquals(Outcome.DENY, notBlocked.outcome());
        assertEquals("allow", notBlocked.rule());
        assertEquals(List.of("pdp-unavailable"), notBlocked.reasons());

        Decision allowed = docs.evaluate(Facts.user("sub", "alice").path("/docs/42")
                .pdp("audit", "blocked", "user", "alice", false)
                .pdp("docs", "can_read", "document", "42", true).input());
        assertEquals(Outcome.ALLOW, allowed.outcome());
        assertEquals(List.of("authenticated", "authzen-permitted"), allowed.reasons());

        Decision refused = docs.evaluate(Facts.user("sub", "alice").path("/docs/42")
                .pdp("audit", "blocked", "user", "alice", false)
                .pdp("docs", "can_read", "document", "42", false).input());
        assertEquals(List.of("authzen-denied"), refused.reasons());
    }

    @Test
    void anUndeclaredPdpIsAProblemWhereItIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyCompiler.compile(
                PolicyYaml.specs(POLICIES), PolicyYaml.conditions(POLICIES), PolicyYaml.MFA_VALUES, Set.of("docs")));
        assertEquals(List.of("test.yaml:3:29: authzen.pdp: unknown PDP 'audit' (declared: docs)"),
                e.problems().stream().map(ConfigProblem::format).toList());
    }

    @Test
    void declaredPdpsCompile() throws ConfigException {
        PolicySet set = PolicyCompiler.compile(PolicyYaml.specs(POLICIES), PolicyYaml.conditions(POLICIES),
                PolicyYaml.MFA_VALUES, Set.of("docs", "audit"));
        assertEquals(2, set.get("docs").orElseThrow().pdpQueries().size());
    }
}
