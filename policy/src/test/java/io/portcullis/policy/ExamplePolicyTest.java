package io.portcullis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

/** The example policy of the policy language, compiled from YAML and evaluated end to end. */
class ExamplePolicyTest {

    static final String EXAMPLE = """
            policies:
              public:
                allow: { public: true }
              admins-on-compliant-devices:
                allow:
                  and:
                    - groups: { has: admins }
                    - device: { compliant: true }
                deny:                         # deny always wins
                  or:
                    - device: { patch_age_days: { gt: 30 } }
                    - source_ip: { not_in: [127.0.0.0/8] }
                require:
                  mfa: true                   # amr must contain one of mfaAmrValues
                  max_auth_age: 8h            # now - auth_time <= 8h
            """;

    private static final PolicySet SET = PolicyYaml.policies(EXAMPLE);
    private static final long NOW = Facts.NOW.getEpochSecond();

    /** An admin with MFA, logged in an hour ago, on a compliant patched device, from loopback. */
    private static Facts goodAdmin() {
        return Facts.user("groups", List.of("staff", "admins"), "amr", List.of("pwd", "otp"), "auth_time", NOW - 3600)
                .device("compliant", true, "patch_age_days", 5)
                .ip("127.0.0.1");
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                arguments("all good", goodAdmin(), Outcome.ALLOW, "allow", List.of("groups-authorized", "device-ok")),
                arguments("from outside loopback", goodAdmin().ip("10.1.2.3"), Outcome.DENY, "deny",
                        List.of("source-ip-denied")),
                arguments("stale patches", goodAdmin().device("compliant", true, "patch_age_days", 31), Outcome.DENY,
                        "deny", List.of("device-patch_age_days-failed")),
                arguments("stale patches from outside", goodAdmin().ip("10.1.2.3")
                                .device("compliant", true, "patch_age_days", 31), Outcome.DENY, "deny",
                        List.of("device-patch_age_days-failed", "source-ip-denied")),
                arguments("no device posture: the deny is UNKNOWN and fires", goodAdmin().withoutDevice(),
                        Outcome.DENY, "deny", List.of("device-posture-missing")),
                arguments("posture without patch age", goodAdmin().device("compliant", true), Outcome.DENY, "deny",
                        List.of("device-patch_age_days-failed")),
                arguments("not an admin", goodAdmin().claims("groups", "staff", "amr", "otp", "auth_time", NOW),
                        Outcome.DENY, "allow", List.of("groups-unauthorized")),
                arguments("non-compliant device", goodAdmin().device("compliant", false, "patch_age_days", 1),
                        Outcome.DENY, "allow", List.of("device-not-compliant")),
                arguments("anonymous", Facts.anonymous().ip("127.0.0.1").device("compliant", true, "patch_age_days", 1),
                        Outcome.DENY, "allow", List.of("groups-unauthorized")),
                arguments("password only", goodAdmin().claims("groups", "admins", "amr", List.of("pwd"),
                        "auth_time", NOW), Outcome.CHALLENGE, "require", List.of("mfa-required")),
                arguments("logged in 9h ago", goodAdmin().claims("groups", "admins", "amr", List.of("hwk"),
                        "auth_time", NOW - 9 * 3600), Outcome.CHALLENGE, "require", List.of("auth-too-old")),
                arguments("logged in exactly 8h ago", goodAdmin().claims("groups", "admins", "amr", List.of("hwk"),
                        "auth_time", NOW - 8 * 3600), Outcome.ALLOW, "allow", List.of("groups-authorized", "device-ok")),
                arguments("no auth_time", goodAdmin().claims("groups", "admins", "amr", "mfa"), Outcome.CHALLENGE,
                        "require", List.of("auth-time-missing")),
                arguments("neither", goodAdmin().claims("groups", "admins", "amr", "pwd", "auth_time", NOW - 86400),
                        Outcome.CHALLENGE, "require", List.of("mfa-required", "auth-too-old")));
    }

    @ParameterizedTest(name = "{0}: {2} by {3} {4}")
    @MethodSource("decisions")
    void decidesInOrderDenyAllowRequire(String name, Facts facts, Outcome outcome, String rule, List<String> reasons) {
        Decision d = SET.get("admins-on-compliant-devices").orElseThrow().evaluate(facts.input());
        // a challenge names everything the new login must show: MFA, and at most 8 hours old
        StepUp stepUp = outcome == Outcome.CHALLENGE ? new StepUp(true, Duration.ofHours(8), List.of()) : null;
        assertEquals(new Decision(outcome, reasons, "admins-on-compliant-devices", rule, stepUp), d);
    }

    @Test
    void thePublicPolicyAllowsAnonymousRequestsAndTheOtherDoesNot() {
        Policy open = SET.get("public").orElseThrow();
        assertTrue(open.allowsAnonymous());
        assertEquals(new Decision(Outcome.ALLOW, List.of("public"), "public", "allow"),
                open.evaluate(Facts.anonymous().input()));
        assertFalse(SET.get("admins-on-compliant-devices").orElseThrow().allowsAnonymous());
    }

    @Test
    void warnsThatAMissingPatchAgeDecidesTheDenyButNotTheAlwaysKnownSourceIp() {
        assertEquals(List.of("test.yaml:11:21: deny rule can be decided by a missing attribute device.patch_age_days"
                + " (a request without it is denied)"), SET.warnings().stream().map(Object::toString).toList());
    }

    @Test
    void keepsPoliciesInConfigOrder() {
        assertEquals(List.of("public", "admins-on-compliant-devices"), List.copyOf(SET.policies().keySet()));
    }
}
