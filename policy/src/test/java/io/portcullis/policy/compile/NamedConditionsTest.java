package io.portcullis.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.Decision;
import io.portcullis.policy.Outcome;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicySet;
import io.portcullis.policy.testing.Facts;
import io.portcullis.policy.testing.PolicyYaml;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamedConditionsTest {

    private static final String CONFIG = """
            conditions:
              corp-network: { source_ip: { in: [10.0.0.0/8] } }
              managed-device: { device: { managed: true, disk_encrypted: true } }
              trusted: { and: [ { condition: corp-network }, { condition: managed-device } ] }
            policies:
              p:
                allow: { groups: { has: staff }, condition: trusted }
                deny: { not: { condition: corp-network } }
            """;

    static Stream<Arguments> decisions() {
        Facts good = Facts.user("groups", "staff").device("managed", true, "disk_encrypted", true);
        return Stream.of(
                arguments("inside, managed", good, Outcome.ALLOW,
                        List.of("groups-authorized", "source-ip-ok", "device-ok")),
                arguments("outside: the deny's reference fires", Facts.user("groups", "staff")
                        .device("managed", true, "disk_encrypted", true).ip("192.0.2.1"), Outcome.DENY,
                        List.of("source-ip-denied")),
                arguments("unencrypted disk", Facts.user("groups", "staff").device("managed", true,
                        "disk_encrypted", false), Outcome.DENY, List.of("device-disk_encrypted-failed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void aReferenceEvaluatesAsTheNamedRule(String name, Facts facts, Outcome outcome, List<String> reasons) {
        Policy p = PolicyYaml.policies(CONFIG).get("p").orElseThrow();
        Decision d = p.evaluate(facts.input());
        assertEquals(outcome, d.outcome());
        assertEquals(reasons, d.reasons());
    }

    @Test
    void usedConditionsRaiseNoWarningAndUnusedOnesDo() {
        assertEquals(List.of(), PolicyYaml.policies(CONFIG).warnings());
        PolicySet unused = PolicyYaml.policies("""
                conditions:
                  office: { source_ip: { in: [192.0.2.0/24] } }
                policies:
                  p: { allow: { public: true } }
                """);
        assertEquals(List.of("test.yaml:2:3: condition 'office' is not used by any rule"),
                unused.warnings().stream().map(Object::toString).toList());
    }

    @Test
    void aConditionSeveralDenyRulesUseIsWarnedAboutOnceWhereItIsWritten() {
        PolicySet set = PolicyYaml.policies("""
                conditions:
                  jailbroken: { device: { jailbroken: true } }
                policies:
                  p: { allow: { public: true }, deny: { condition: jailbroken } }
                  q: { allow: { public: true }, deny: { or: [ { condition: jailbroken } ] } }
                """);
        assertEquals(List.of("test.yaml:2:27: deny rule can be decided by a missing attribute device.jailbroken"
                + " (a request without it is denied)"), set.warnings().stream().map(Object::toString).toList());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("unknown name, with a hint", """
                        conditions:
                          corp-network: { source_ip: { in: [10.0.0.0/8] } }
                        policies:
                          p: { allow: { condition: corp-netwrk } }
                        """, List.of("test.yaml:4:28: unknown condition 'corp-netwrk' (did you mean 'corp-network'?)")),
                arguments("no conditions at all", """
                        policies:
                          p: { allow: { condition: office } }
                        """, List.of("test.yaml:2:28: unknown condition 'office' (declare it under conditions)")),
                arguments("a cycle, reported where it closes", """
                        conditions:
                          a: { or: [ { public: true }, { condition: b } ] }
                          b: { not: { condition: a } }
                        policies:
                          p: { allow: { condition: a } }
                        """, List.of("test.yaml:3:26: condition 'a' refers to itself: a -> b -> a")),
                arguments("a condition referring to itself", """
                        conditions:
                          a: { condition: a }
                        policies:
                          p: { allow: { public: true } }
                        """, List.of("test.yaml:2:19: condition 'a' refers to itself: a -> a")),
                arguments("a broken condition is reported once, where it is written", """
                        conditions:
                          office: { source_ip: { in: [10.0.0.0/33] } }
                        policies:
                          p: { allow: { condition: office } }
                          q: { allow: { condition: office }, deny: { condition: office } }
                        """, List.of("test.yaml:2:31: source_ip.in: invalid CIDR '10.0.0.0/33': prefix length 33"
                        + " is larger than 32")),
                arguments("an unused broken condition is still reported", """
                        conditions:
                          office: { sorce_ip: { in: [10.0.0.0/8] } }
                        policies:
                          p: { allow: { public: true } }
                        """, List.of("test.yaml:2:13: unknown criterion 'sorce_ip' (did you mean 'source_ip'?)")),
                arguments("a reference must be a name", """
                        conditions:
                          a: { public: true }
                        policies:
                          p: { allow: { condition: [a] } }
                        """, List.of("test.yaml:4:28: condition: expected a value, got a list")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsProblemsAtTheirPlace(String name, String yaml, List<String> expected) {
        assertEquals(expected, PolicyYaml.policyProblems(yaml));
    }
}
