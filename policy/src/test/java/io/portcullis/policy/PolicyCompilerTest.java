package io.portcullis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.config.ConfigException;
import io.portcullis.policy.testing.Facts;
import io.portcullis.policy.testing.PolicyYaml;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyCompilerTest {

    private static final StepUp MFA = new StepUp(true, null, List.of());

    private static Policy only(String yaml) {
        return PolicyYaml.policies(yaml).get("p").orElseThrow();
    }

    @Test
    void aPolicyWithoutAllowDeniesEveryoneByDefault() {
        Policy p = only("policies: { p: { deny: { groups: { has: banned } } } }");
        assertEquals(new Decision(Outcome.DENY, List.of("no-allow-rule"), "p", "default"),
                p.evaluate(Facts.user("groups", "staff").input()));
        assertEquals(new Decision(Outcome.DENY, List.of("groups-unauthorized"), "p", "deny"),
                p.evaluate(Facts.user("groups", "banned").input()));
    }

    @Test
    void denyWinsOverAnAllowThatHolds() {
        Policy p = only("policies: { p: { allow: { public: true }, deny: { http_method: { is: DELETE } } } }");
        assertEquals(new Decision(Outcome.DENY, List.of("method-not-allowed"), "p", "deny"),
                p.evaluate(Facts.anonymous().method("DELETE").input()));
        assertEquals(Outcome.ALLOW, p.evaluate(Facts.anonymous().method("GET").input()).outcome());
    }

    @Test
    void anUnknownDenyFiresEvenThoughTheAllowHolds() {
        Policy p = only("policies: { p: { allow: { public: true }, deny: { device: { jailbroken: true } } } }");
        assertEquals(new Decision(Outcome.DENY, List.of("device-posture-missing"), "p", "deny"),
                p.evaluate(Facts.anonymous().input()));
        assertEquals(new Decision(Outcome.DENY, List.of("device-jailbroken-failed"), "p", "deny"),
                p.evaluate(Facts.anonymous().device("managed", true).input()));
        assertEquals(Outcome.ALLOW, p.evaluate(Facts.anonymous().device("jailbroken", false).input()).outcome());
    }

    @Test
    void aRequirementIsNotCheckedBeforeTheAllowHolds() {
        Policy p = only("policies: { p: { allow: { groups: { has: admins } }, require: { mfa: true } } }");
        assertEquals(new Decision(Outcome.DENY, List.of("groups-unauthorized"), "p", "allow"),
                p.evaluate(Facts.user("groups", "staff").input()));
        assertEquals(new Decision(Outcome.CHALLENGE, List.of("mfa-required"), "p", "require", MFA),
                p.evaluate(Facts.user("groups", "admins", "amr", List.of("pwd")).input()));
    }

    static Stream<Arguments> anonymity() {
        return Stream.of(
                arguments("{ public: true }", true),
                arguments("{ or: [ { public: true }, { groups: { has: a } } ] }", true),
                arguments("{ and: [ { public: true }, { groups: { has: a } } ] }", false),
                arguments("{ source_ip: { in: [10.0.0.0/8] } }", true),
                arguments("{ http_path: { starts_with: /docs }, http_method: { is: GET } }", true),
                arguments("{ authenticated: false }", true),
                arguments("{ authenticated: true }", false),
                arguments("{ not: { authenticated: true } }", true),
                arguments("{ groups: { has: a } }", false),
                arguments("{ not: { groups: { has: a } } }", false),
                arguments("{ nor: [ { claim: { name: x, exists: true } } ] }", false),
                arguments("{ device: { compliant: true } }", true),
                arguments("{ or: [ { email: { is: a@b.c } }, { claim: { name: x, is: y } } ] }", false));
    }

    @ParameterizedTest(name = "{0} allows anonymous: {1}")
    @MethodSource("anonymity")
    void knowsWhetherAnAllowCanHoldWithoutAnIdentity(String allow, boolean expected) {
        assertEquals(expected, only("policies: { p: { allow: " + allow + " } }").allowsAnonymous());
    }

    @Test
    void aRequirementMeansAnonymousRequestsCannotPass() {
        Policy p = only("policies: { p: { allow: { source_ip: { in: [10.0.0.0/8] } }, require: { mfa: true } } }");
        assertEquals(false, p.allowsAnonymous());
        assertEquals(new Decision(Outcome.CHALLENGE, List.of("mfa-required"), "p", "require", MFA),
                p.evaluate(Facts.anonymous().input()));
    }

    @Test
    void warnsAboutEveryDenyCriterionAMissingFactCanDecide() {
        PolicySet set = PolicyYaml.policies("""
                policies:
                  p:
                    allow: { public: true }
                    deny:
                      or:
                        - groups: { has: contractors }
                        - not: { claim: { name: realm.tier, gte: 2 } }
                        - device: { compliant: false, risk_score: { gt: 70 } }
                        - source_ip: { in: [192.0.2.0/24] }
                        - authenticated: false
                """);
        assertEquals(List.of(
                "test.yaml:6:11: deny rule can be decided by a missing attribute claim.groups (a request without it is denied)",
                "test.yaml:7:18: deny rule can be decided by a missing attribute claim.realm.tier (a request without it is denied)",
                "test.yaml:8:21: deny rule can be decided by a missing attribute device.compliant (a request without it is denied)",
                "test.yaml:8:39: deny rule can be decided by a missing attribute device.risk_score (a request without it is denied)"),
                set.warnings().stream().map(Object::toString).toList());
    }

    @Test
    void allowRulesRaiseNoMissingAttributeWarnings() {
        assertEquals(List.of(), PolicyYaml.policies("policies: { p: { allow: { groups: { has: a } } } }").warnings());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("policies: { p: { allow: { public: true }, require: { mfa: true } } }",
                        "test.yaml:1:52: require: a policy with 'public: true' admits anonymous requests, so it cannot"
                                + " require anything of a login; remove 'require' or 'public'"),
                arguments("policies: { p: { allow: { or: [{ public: true }, { groups: { has: a } }] }, require: { mfa: true } } }",
                        "test.yaml:1:86: require: a policy with 'public: true' admits anonymous requests, so it cannot"
                                + " require anything of a login; remove 'require' or 'public'"),
                arguments("policies: { p: { allow: { groups: { has: a } }, require: { mf: true } } }",
                        "test.yaml:1:60: unknown requirement 'mf' (did you mean 'mfa'?)"),
                arguments("policies: { p: { allow: { groups: { has: a } }, require: { max_auth_age: 8 hours } } }",
                        "test.yaml:1:74: require.max_auth_age: expected a duration like 15m, 8h or 1d, got '8 hours'"),
                arguments("policies: { p: { allow: { groups: { has: a } }, require: { max_auth_age: 0m } } }",
                        "test.yaml:1:74: require.max_auth_age: the duration must be positive"),
                arguments("policies: { p: { allow: { groups: { has: a } }, require: [mfa] } }",
                        "test.yaml:1:58: require: expected a map, got a list"),
                arguments("policies: { p: { allow: { groups: { has: a } }, require: { mfa: sometimes } } }",
                        "test.yaml:1:65: require.mfa: expected true or false, got a scalar"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("errors")
    void rejectsBadPolicies(String yaml, String problem) {
        assertEquals(List.of(problem), PolicyYaml.policyProblems(yaml));
    }

    @Test
    void reportsTheProblemsOfEveryPolicyAtOnce() {
        assertEquals(List.of(
                        "test.yaml:3:14: unknown criterion 'group' (did you mean 'groups'?)",
                        "test.yaml:4:27: groups.has: expected a value, got nothing",
                        "test.yaml:6:22: public: only 'public: true' is allowed; to refuse everyone leave out 'allow'"),
                PolicyYaml.policyProblems("""
                        policies:
                          a:
                            allow: { group: { has: x } }
                            deny: { groups: { has: } }
                          b:
                            allow: { public: false }
                        """));
    }

    @Test
    void aShadowModePolicyIsMarkedSoTheProxyNeverEnforcesIt() {
        PolicySet set = PolicyYaml.policies("""
                policies:
                  live: { allow: { groups: { has: staff } } }
                  candidate: { mode: shadow, allow: { groups: { has_any: [staff, contractors] } } }
                """);
        Policy live = set.get("live").orElseThrow();
        Policy candidate = set.get("candidate").orElseThrow();
        assertEquals(false, live.isShadow());
        assertEquals(true, candidate.isShadow());
        var contractor = Facts.user("groups", "contractors").input();
        assertEquals(ShadowComparison.WOULD_ALLOW,
                ShadowComparison.compare(live.evaluate(contractor), candidate.evaluate(contractor)));
        var staff = Facts.user("groups", "staff").input();
        assertEquals(ShadowComparison.AGREE, ShadowComparison.compare(live.evaluate(staff), candidate.evaluate(staff)));
    }

    @Test
    void requireAcrChallengesForAStrongerLogin() {
        Policy p = only("policies: { p: { allow: { groups: { has: a } }, require: { acr: [phr, phrh], mfa: true } } }");
        StepUp acrAndMfa = new StepUp(true, null, List.of("phr", "phrh"));
        assertEquals(new Decision(Outcome.CHALLENGE, List.of("acr-required"), "p", "require", acrAndMfa),
                p.evaluate(Facts.user("groups", "a", "amr", "otp", "acr", "pwd").input()));
        assertEquals(new Decision(Outcome.CHALLENGE, List.of("acr-required", "mfa-required"), "p", "require", acrAndMfa),
                p.evaluate(Facts.user("groups", "a").input()));
        assertEquals(Outcome.ALLOW, p.evaluate(Facts.user("groups", "a", "amr", "otp", "acr", "phr").input()).outcome());
    }

    @Test
    void requireMfaNeedsConfiguredMfaValues() throws Exception {
        var specs = PolicyYaml.specs("policies: { p: { allow: { groups: { has: a } }, require: { mfa: true } } }");
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyCompiler.compile(specs, List.of()));
        assertEquals("test.yaml:1:65: require.mfa: no MFA amr values are configured, so it could never be met",
                e.getMessage());
        assertEquals(Outcome.CHALLENGE, PolicyCompiler.compile(specs, List.of("otp")).get("p").orElseThrow()
                .evaluate(Facts.user("groups", "a", "amr", "pwd").input()).outcome());
    }
}
