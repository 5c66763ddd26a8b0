package io.portcullis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.portcullis.policy.testing.Facts;
import io.portcullis.policy.testing.PolicyYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a compiled policy builds its decisions: an ALLOW explained alike for every request is built once. */
class CompiledPolicyTest {

    private static final PolicySet SET = PolicyYaml.policies("""
            policies:
              both:
                allow: { and: [ { groups: { has: admins } }, { device: { compliant: true } } ] }
              either:
                allow: { or: [ { groups: { has: admins } }, { device: { compliant: true } } ] }
            """);

    private static Decision decide(String policy, Facts facts) {
        return SET.get(policy).orElseThrow().evaluate(facts.input());
    }

    private static Facts admin() {
        return Facts.user("groups", List.of("admins")).device("compliant", true);
    }

    @Test
    void anAllowExplainedAlikeForEveryRequestIsOneDecisionBuiltAtCompileTime() {
        Decision first = decide("both", admin());
        Decision second = decide("both", Facts.user("groups", "admins").device("compliant", true).ip("127.0.0.1"));

        assertEquals(new Decision(Outcome.ALLOW, List.of("groups-authorized", "device-ok"), "both", "allow"), first);
        assertSame(first, second, "no decision is built per request");
    }

    @Test
    void anAllowWhoseExplanationDependsOnTheRequestIsBuiltForEachRequest() {
        Decision both = decide("either", admin());
        Decision groupOnly = decide("either", Facts.user("groups", "admins").device("compliant", false));

        assertEquals(List.of("groups-authorized", "device-ok"), both.reasons());
        assertEquals(List.of("groups-authorized"), groupOnly.reasons());
        assertNotSame(both, decide("either", admin()));
    }

    @Test
    void aRefusalIsNotTheFixedAllow() {
        Decision refused = decide("both", Facts.user("groups", "staff").device("compliant", true));

        assertEquals(new Decision(Outcome.DENY, List.of("groups-unauthorized"), "both", "allow"), refused);
    }
}
