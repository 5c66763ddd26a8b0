package io.portcullis.policy.require;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.Facts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MfaRequirementTest {

    private static final MfaRequirement MFA = new MfaRequirement(List.of("mfa", "otp", "hwk"));

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(Facts.user("amr", List.of("pwd", "otp")), null),
                arguments(Facts.user("amr", "hwk"), null),
                arguments(Facts.user("amr", List.of("pwd")), "mfa-required"),
                arguments(Facts.user("amr", List.of()), "mfa-required"),
                arguments(Facts.user("amr", "OTP"), "mfa-required"),
                arguments(Facts.user("amr", List.of(1, true)), "mfa-required"),
                arguments(Facts.user("acr", "mfa"), "mfa-required"),
                arguments(Facts.anonymous(), "mfa-required"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("cases")
    void needsOneConfiguredMfaMethodInAmr(Facts facts, String unmet) {
        assertEquals(unmet, MFA.unmetReason(facts.input()));
    }
}
