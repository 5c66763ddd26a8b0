package io.portcullis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.Facts;
import io.portcullis.policy.testing.PolicyYaml;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyIncludesTest {

    private static final long NOW = Facts.NOW.getEpochSecond();

    private static final PolicySet SET = PolicyYaml.policies("""
            policies:
              base-deny:
                deny: { groups: { has: suspended } }
                require: { max_auth_age: 1h }
              strict-hours:
                include: [base-deny]
                deny: { http_method: { is: DELETE } }
                require: { max_auth_age: 8h, mfa: true }
              admins:
                include: [strict-hours, base-deny]
                allow: { groups: { has: admins } }
            """);

    private static Decision admins(Facts f) {
        return SET.get("admins").orElseThrow().evaluate(f.input());
    }

    private static Facts admin() {
        return Facts.user("groups", List.of("admins"), "amr", "otp", "auth_time", NOW - 60);
    }

    @Test
    void anIncludedDenyFiresForTheIncludingPolicy() {
        assertEquals(new Decision(Outcome.DENY, List.of("groups-unauthorized"), "admins", "deny"),
                admins(Facts.user("groups", List.of("admins", "suspended"), "amr", "otp", "auth_time", NOW)));
        assertEquals(new Decision(Outcome.DENY, List.of("method-not-allowed"), "admins", "deny"),
                admins(admin().method("DELETE")));
    }

    @Test
    void requirementsOfEveryIncludedPolicyHoldSoTheStricterWins() {
        StepUp merged = new StepUp(true, Duration.ofHours(1), List.of());
        assertEquals(new Decision(Outcome.CHALLENGE, List.of("auth-too-old"), "admins", "require", merged),
                admins(Facts.user("groups", "admins", "amr", "otp", "auth_time", NOW - 2 * 3600)));
        assertEquals(new Decision(Outcome.CHALLENGE, List.of("mfa-required"), "admins", "require", merged),
                admins(Facts.user("groups", "admins", "amr", "pwd", "auth_time", NOW)));
        assertEquals(Outcome.ALLOW, admins(admin()).outcome());
    }

    @Test
    void allowIsNeverInherited() {
        // strict-hours has no allow of its own, and including base-deny gives it none
        assertEquals(new Decision(Outcome.DENY, List.of("no-allow-rule"), "strict-hours", "default"),
                SET.get("strict-hours").orElseThrow().evaluate(admin().input()));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("unknown policy", """
                        policies:
                          base: { deny: { public: true } }
                          p: { include: [bsae], allow: { public: true } }
                        """, List.of("test.yaml:3:18: include: unknown policy 'bsae' (did you mean 'base'?)")),
                arguments("a cycle", """
                        policies:
                          a: { include: [b], allow: { authenticated: true } }
                          b: { include: [a] }
                        """, List.of("test.yaml:3:18: include: policy 'a' includes itself: a -> b -> a")),
                arguments("acr lists with nothing in common", """
                        policies:
                          base: { require: { acr: [gold] } }
                          p: { include: [base], allow: { authenticated: true }, require: { acr: [silver] } }
                        """, List.of("test.yaml:3:18: include: the acr values this policy and the policies it"
                        + " includes require have none in common, so the policy could never be met")),
                arguments("a public policy inheriting a requirement", """
                        policies:
                          base: { require: { mfa: true } }
                          p: { include: [base], allow: { public: true } }
                        """, List.of("test.yaml:3:18: include: the included policies add requirements or challenges,"
                        + " but a policy with 'public: true' admits anonymous requests")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsProblemsAtTheInclude(String name, String yaml, List<String> expected) {
        assertEquals(expected, PolicyYaml.policyProblems(yaml));
    }
}
