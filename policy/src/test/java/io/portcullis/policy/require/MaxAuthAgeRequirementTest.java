package io.portcullis.policy.require;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.Facts;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaxAuthAgeRequirementTest {

    private static final MaxAuthAgeRequirement EIGHT_HOURS = new MaxAuthAgeRequirement(Duration.ofHours(8));
    private static final long NOW = Facts.NOW.getEpochSecond();

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(Facts.user("auth_time", NOW), null),
                arguments(Facts.user("auth_time", NOW - 8 * 3600), null),
                arguments(Facts.user("auth_time", (int) (NOW - 60)), null),
                arguments(Facts.user("auth_time", (double) (NOW - 60)), null),
                arguments(Facts.user("auth_time", NOW - 8 * 3600 - 1), "auth-too-old"),
                arguments(Facts.user("auth_time", 0L), "auth-too-old"),
                arguments(Facts.user("auth_time", String.valueOf(NOW)), "auth-time-missing"),
                arguments(Facts.user("iat", NOW), "auth-time-missing"),
                arguments(Facts.anonymous(), "auth-time-missing"),
                arguments(Facts.user("auth_time", NOW).now(null), "auth-time-missing"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("cases")
    void needsARecentEnoughAuthTime(Facts facts, String unmet) {
        assertEquals(unmet, EIGHT_HOURS.unmetReason(facts.input()));
    }
}
