package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepUpTest {

    @Test
    void missingMfaAsksForAFreshLogin() {
        assertEquals(new StepUp(true, false), StepUp.forReasons(List.of("mfa-required")));
    }

    @Test
    void aTooOldOrUnknownLoginTimeAlsoAsksForMaxAgeZero() {
        assertEquals(new StepUp(true, true), StepUp.forReasons(List.of("auth-too-old")));
        assertEquals(new StepUp(true, true), StepUp.forReasons(List.of("mfa-required", "auth-time-missing")));
    }

    @Test
    void aNormalLoginAsksForNothing() {
        assertFalse(StepUp.NONE.any());
    }
}
