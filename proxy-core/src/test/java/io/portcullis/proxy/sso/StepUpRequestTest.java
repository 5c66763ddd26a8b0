package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.identity.oidc.StepUp;
import io.portcullis.policy.Decision;
import io.portcullis.policy.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepUpRequestTest {

    @Test
    void carriesThePolicysAgeAndAcrValuesAndAlwaysPromptsForLogin() {
        Decision challenge = new Decision(Outcome.CHALLENGE, List.of("auth-too-old"), "p", "require",
                new io.portcullis.policy.StepUp(true, Duration.ofHours(8), List.of("gold")));

        assertEquals(new StepUp(true, 28_800L, List.of("gold")), StepUpRequest.from(challenge));
    }

    @Test
    void aChallengeWithoutDetailsStillPromptsForLogin() {
        Decision challenge = new Decision(Outcome.CHALLENGE, List.of("mfa-required"), "p", "require");

        assertEquals(new StepUp(true, null, List.of()), StepUpRequest.from(challenge));
    }
}
