package io.portcullis.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.PolicyYaml;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleCompilerErrorsTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{grups: {has: a}}", "test.yaml:1:2: unknown criterion 'grups' (did you mean 'groups'?)"),
                arguments("{ip: {in: [10.0.0.0/8]}}", "test.yaml:1:2: unknown criterion 'ip' (expected one of:"
                        + " public, authenticated, groups, claim, user, email, email_domain, acr, amr, auth_age, device,"
                        + " source_ip, http_method, http_path, time, valid_between, risk, header, token, authzen, and, or, nor, not, condition)"),
                arguments("{sourceip: {in: [10.0.0.0/8]}}",
                        "test.yaml:1:2: unknown criterion 'sourceip' (did you mean 'source_ip'?)"),
                arguments("{allow_everyone: true}", "test.yaml:1:2: unknown criterion 'allow_everyone' (expected one of:"
                        + " public, authenticated, groups, claim, user, email, email_domain, acr, amr, auth_age, device,"
                        + " source_ip, http_method, http_path, time, valid_between, risk, header, token, authzen, and, or, nor, not, condition)"),
                arguments("{and: []}", "test.yaml:1:7: and: the list must not be empty"),
                arguments("{or: []}", "test.yaml:1:6: or: the list must not be empty"),
                arguments("{nor: []}", "test.yaml:1:7: nor: the list must not be empty"),
                arguments("{not: []}", "test.yaml:1:7: not: the list must not be empty"),
                arguments("{and: {public: true}}", "test.yaml:1:7: and: expected a list of rules, got a map"),
                arguments("{or: [public]}", "test.yaml:1:7: or: expected a map, got a scalar"),
                arguments("{not: true}", "test.yaml:1:7: not: expected a map, got a scalar"),
                arguments("{}", "test.yaml:1:1: allow: expected at least one criterion"),
                arguments("[{public: true}]", "test.yaml:1:1: allow: expected a map, got a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsTheProblemWhereItWasWritten(String rule, String problem) {
        assertEquals(List.of(problem), PolicyYaml.ruleProblems(rule));
    }

    @Test
    void reportsEveryProblemOfANestedRuleInOneRound() {
        String yaml = """
                and:
                  - groups: { has: admins }
                  - or:
                      - source_ip: { in: [10.0.0.0/40] }
                      - devise: { compliant: true }
                  - not:
                      http_method: { is: [GET, "P OST"] }
                """;
        assertEquals(List.of(
                "test.yaml:4:27: source_ip.in: invalid CIDR '10.0.0.0/40': prefix length 40 is larger than 32",
                "test.yaml:5:9: unknown criterion 'devise' (did you mean 'device'?)",
                "test.yaml:7:26: http_method.is: expected a value, got a list"), PolicyYaml.ruleProblems(yaml));
    }
}
