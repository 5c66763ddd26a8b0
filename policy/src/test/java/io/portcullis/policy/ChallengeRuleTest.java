package io.portcullis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.Facts;
import io.portcullis.policy.testing.PolicyYaml;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Risk-based step-up: a challenge rule is checked after allow and require, and only when its when holds. */
class ChallengeRuleTest {

    private static final long NOW = Facts.NOW.getEpochSecond();
    private static final RiskFacts CALM = new RiskFacts(false, false, 10);
    private static final RiskFacts NEW_DEVICE = new RiskFacts(true, false, 10);
    private static final RiskFacts HIGH_SCORE = new RiskFacts(false, true, 80);

    private static final Policy POLICY = PolicyYaml.policies("""
            policies:
              p:
                allow: { groups: { has: staff } }
                require: { max_auth_age: 8h }
                challenge:
                  - when: { risk: { new_device: true } }
                    require: { mfa: true, max_auth_age: 15m }
                  - when: { risk: { score: { gte: 50 } } }
                    require: { acr: [phrh] }
            """).get("p").orElseThrow();

    private static final StepUp FIRST = new StepUp(true, Duration.ofMinutes(15), List.of());
    private static final StepUp SECOND = new StepUp(false, Duration.ofHours(8), List.of("phrh"));
    private static final StepUp BOTH = new StepUp(true, Duration.ofMinutes(15), List.of("phrh"));

    /** Staff, password only, logged in an hour ago. */
    private static Facts staff() {
        return Facts.user("groups", "staff", "amr", "pwd", "auth_time", NOW - 3600);
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                arguments("no risk: allowed", staff().risk(CALM), new Decision(Outcome.ALLOW,
                        List.of("groups-authorized"), "p", "allow")),
                arguments("new device: step up to MFA within 15 minutes", staff().risk(NEW_DEVICE),
                        new Decision(Outcome.CHALLENGE, List.of("risk-new-device", "mfa-required", "auth-too-old"),
                                "p", "challenge", FIRST)),
                arguments("new device, fresh MFA login: allowed", Facts.user("groups", "staff", "amr", "otp",
                        "auth_time", NOW - 60).risk(NEW_DEVICE), new Decision(Outcome.ALLOW,
                        List.of("groups-authorized"), "p", "allow")),
                arguments("high score: step up to phrh", staff().risk(HIGH_SCORE),
                        new Decision(Outcome.CHALLENGE, List.of("risk-score", "acr-required"), "p", "challenge",
                                SECOND)),
                arguments("risk unknown counts as present: both rules fire", staff(),
                        new Decision(Outcome.CHALLENGE, List.of("risk-unknown", "mfa-required", "auth-too-old",
                                "acr-required"), "p", "challenge", BOTH)),
                arguments("allow fails first", Facts.user("groups", "guests").risk(NEW_DEVICE),
                        new Decision(Outcome.DENY, List.of("groups-unauthorized"), "p", "allow")),
                arguments("the policy's own require is asked first", Facts.user("groups", "staff", "auth_time",
                        NOW - 9 * 3600).risk(NEW_DEVICE), new Decision(Outcome.CHALLENGE, List.of("auth-too-old"),
                        "p", "require", new StepUp(false, Duration.ofHours(8), List.of()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String name, Facts facts, Decision expected) {
        assertEquals(expected, POLICY.evaluate(facts.input()));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{ allow: { authenticated: true }, challenge: { require: { mfa: true } } }",
                        "test.yaml:1:51: challenge: 'when' is required"),
                arguments("{ allow: { authenticated: true }, challenge: { when: { public: true } } }",
                        "test.yaml:1:51: challenge: 'require' is required"),
                arguments("{ allow: { authenticated: true }, challenge: { when: { public: true }, require: {}, "
                        + "wen: 1 } }", "test.yaml:1:90: unknown key 'wen' in challenge (did you mean 'when'?)"),
                arguments("{ allow: { authenticated: true }, challenge: { when: { public: true },"
                        + " require: { mfa: false } } }",
                        "test.yaml:1:86: challenge.require: asks for nothing, so it never challenges"),
                arguments("{ allow: { authenticated: true }, challenge: [] }",
                        "test.yaml:1:51: challenge: the list must not be empty"),
                arguments("{ allow: { authenticated: true }, challenge: { when: { risk: { new: true } },"
                        + " require: { mfa: true } } }",
                        "test.yaml:1:69: unknown operator 'new' for risk (expected one of: new_device, new_network,"
                                + " score)"),
                arguments("{ allow: { authenticated: true }, require: { acr: [gold] }, challenge: { when: { public: true },"
                        + " require: { acr: [silver] } } }",
                        "test.yaml:1:77: challenge: its acr values and the policy's require have none in common, so"
                                + " the challenge could never be passed"),
                arguments("{ allow: { public: true }, challenge: { when: { risk: { new_device: true } },"
                        + " require: { mfa: true } } }",
                        "test.yaml:1:44: challenge: a policy with 'public: true' admits anonymous requests, so it"
                                + " cannot challenge them; remove 'challenge' or 'public'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(String policy, String expected) {
        assertEquals(List.of(expected), PolicyYaml.policyProblems("policies:\n  p: " + policy + "\n")
                .stream().map(s -> s.replace("test.yaml:2:", "test.yaml:1:")).toList());
    }
}
