package io.portcullis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.PortcullisConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lint over a real config load and compile, positions asserted. */
class PolicyLintTest {

    private static final String CONFIG = """
            issuers:
              - id: corp
                issuer: https://idp.example.com
                jwks_uri: https://idp.example.com/jwks
                audiences: [portcullis]
            conditions:
              reads: { http_method: { in: [GET, HEAD] } }
            routes:
              - id: app
                match: { path_prefix: /app }
                upstream: http://127.0.0.1:1
                policy: app
                shadow_policy: candidate
            policies:
              base: { deny: { groups: { has: suspended } } }
              app: { include: [base], allow: { groups: { has: staff } } }
              candidate: { mode: shadow, allow: { condition: reads } }
              leftover: { allow: { authenticated: true } }
              spare-shadow: { mode: shadow, allow: { authenticated: true } }
            """;

    private static List<String> formatted(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::format).toList();
    }

    @Test
    void policiesNoRouteReachesAreUnused() throws Exception {
        PortcullisConfig config = ConfigLoader.parse(CONFIG, "f.yaml");
        assertEquals(List.of(
                "f.yaml:18:3: policy 'leftover' is not used by any route",
                "f.yaml:19:3: policy 'spare-shadow' is not used by any route (name it as a route's shadow_policy)"),
                formatted(PolicyLint.unusedPolicies(config)));
    }

    @Test
    void aConfigCompilesWithItsNamedConditions() throws Exception {
        PolicySet set = PolicyCompiler.compile(ConfigLoader.parse(CONFIG, "f.yaml"));
        assertEquals(List.of("f.yaml:15:19: deny rule can be decided by a missing attribute claim.groups"
                + " (a request without it is denied)"), formatted(set.warnings()));
        assertEquals(true, set.get("candidate").orElseThrow().isShadow());
        assertEquals(List.of(), formatted(PolicyLint.neverTrueAllowRules(set)));
    }

    static Stream<Arguments> allowRules() {
        return Stream.of(
                Arguments.of("{ and: [ { http_method: { is: GET } }, { http_method: { is: POST } } ] }", false),
                Arguments.of("{ http_method: { is: GET }, and: [ { http_method: { in: [PUT, POST] } } ] }", false),
                Arguments.of("{ and: [ { http_method: { in: [GET, POST] } }, { http_method: { is: POST } } ] }", true),
                Arguments.of("{ not: { public: true } }", false),
                Arguments.of("{ nor: [ { groups: { has: a } }, { public: true } ] }", false),
                Arguments.of("{ or: [ { not: { public: true } }, { groups: { has: a } } ] }", true),
                Arguments.of("{ authenticated: true, and: [ { authenticated: false } ] }", false),
                Arguments.of("{ not: { authenticated: true } }", true),
                Arguments.of("{ condition: never }", false),
                Arguments.of("{ groups: { has: a } }", true));
    }

    @ParameterizedTest(name = "{0} can hold: {1}")
    @MethodSource("allowRules")
    void flagsAllowRulesThatCanNeverBeTrue(String allow, boolean canHold) throws Exception {
        String yaml = """
                conditions:
                  never: { and: [ { http_method: { is: GET } }, { http_method: { is: PUT } } ] }
                policies:
                  p:
                    allow: %s
                  q: { allow: { condition: never } }
                """.formatted(allow);
        PolicySet set = io.portcullis.policy.testing.PolicyYaml.policies(yaml);
        List<String> expected = canHold ? List.of() : List.of("test.yaml:5:12: allow rule of policy 'p' can never be"
                + " TRUE, so the policy denies every request");
        List<String> found = formatted(PolicyLint.neverTrueAllowRules(set)).stream()
                .filter(s -> s.contains("'p'")).toList();
        assertEquals(expected, found);
        assertEquals(List.of("test.yaml:6:15: allow rule of policy 'q' can never be TRUE, so the policy denies every"
                + " request"), formatted(PolicyLint.neverTrueAllowRules(set)).stream().filter(s -> s.contains("'q'"))
                .toList());
    }
}
