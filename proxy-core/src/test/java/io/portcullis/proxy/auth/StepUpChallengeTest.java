package io.portcullis.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.policy.Decision;
import io.portcullis.policy.Outcome;
import io.portcullis.policy.StepUp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepUpChallengeTest {

    static final String BASE = "Bearer realm=\"portcullis\", error=\"insufficient_user_authentication\"";

    @Test
    void carriesAcrValuesAndMaxAgeInSecondsWhenTheDecisionNamesThem() {
        Decision d = new Decision(Outcome.CHALLENGE, List.of("mfa-required", "auth-too-old"), "p", "require",
                new StepUp(true, Duration.ofMinutes(15), List.of("gold", "platinum")));
        assertEquals(BASE + ", error_description=\"mfa-required auth-too-old\", acr_values=\"gold platinum\","
                + " max_age=\"900\"", StepUpChallenge.header(d.reasons(), d));
    }

    @Test
    void withoutAStepUpOnlyTheReasonsAreGiven() {
        Decision d = new Decision(Outcome.CHALLENGE, List.of("mfa-required"), "p", "require");
        assertEquals(BASE + ", error_description=\"mfa-required\"", StepUpChallenge.header(d.reasons(), d));
        assertEquals(BASE + ", error_description=\"x\"", StepUpChallenge.header(List.of("x"), null));
    }

    @Test
    void configTextCannotBreakOutOfItsQuotedString() {
        Decision d = new Decision(Outcome.CHALLENGE, List.of("acr-required"), "p", "require",
                new StepUp(false, null, List.of("a\"b", "c\\d", "e\r\nSet-Cookie: x")));
        assertEquals(BASE + ", error_description=\"acr-required\", acr_values=\"a\\\"b c\\\\d eSet-Cookie: x\"",
                StepUpChallenge.header(d.reasons(), d));
    }
}
