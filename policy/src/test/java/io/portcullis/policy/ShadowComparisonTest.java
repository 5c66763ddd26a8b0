package io.portcullis.policy;

import static io.portcullis.policy.Outcome.ALLOW;
import static io.portcullis.policy.Outcome.CHALLENGE;
import static io.portcullis.policy.Outcome.DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShadowComparisonTest {

    static Stream<Arguments> table() {
        return Stream.of(
                arguments(ALLOW, ALLOW, "agree"),
                arguments(DENY, DENY, "agree"),
                arguments(CHALLENGE, CHALLENGE, "agree"),
                arguments(DENY, ALLOW, "would-allow"),
                arguments(CHALLENGE, ALLOW, "would-allow"),
                arguments(ALLOW, DENY, "would-deny"),
                arguments(CHALLENGE, DENY, "would-deny"),
                arguments(ALLOW, CHALLENGE, "would-challenge"),
                arguments(DENY, CHALLENGE, "would-challenge"));
    }

    @ParameterizedTest(name = "enforced {0}, shadow {1} → {2}")
    @MethodSource("table")
    void comparesOutcomes(Outcome enforced, Outcome shadow, String expected) {
        Decision e = new Decision(enforced, List.of("a"), "live", "allow");
        Decision s = new Decision(shadow, List.of("b"), "candidate", "deny");
        assertEquals(expected, ShadowComparison.compare(e, s).code());
    }
}
