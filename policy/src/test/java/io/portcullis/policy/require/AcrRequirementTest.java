package io.portcullis.policy.require;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.Facts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AcrRequirementTest {

    private static final AcrRequirement STRONG = new AcrRequirement(List.of("phr", "phrh"));

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(Facts.user("acr", "phr"), null),
                arguments(Facts.user("acr", "phrh"), null),
                arguments(Facts.user("acr", "pwd"), "acr-required"),
                arguments(Facts.user("acr", List.of("phr")), "acr-required"),
                arguments(Facts.user("amr", "phr"), "acr-required"),
                arguments(Facts.anonymous(), "acr-required"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("cases")
    void needsOneOfTheListedContextClasses(Facts facts, String unmet) {
        assertEquals(unmet, STRONG.unmetReason(facts.input()));
    }
}
