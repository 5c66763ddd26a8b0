package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepUpTest {

    @Test
    void anyParameterMakesItAStepUp() {
        assertTrue(new StepUp(true, null, List.of()).any());
        assertTrue(new StepUp(false, 60L, List.of()).any());
        assertTrue(new StepUp(false, null, List.of("gold")).any());
    }

    @Test
    void aNormalLoginAsksForNothing() {
        assertFalse(StepUp.NONE.any());
    }
}
