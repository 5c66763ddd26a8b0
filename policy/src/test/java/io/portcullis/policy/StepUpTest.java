package io.portcullis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepUpTest {

    @Test
    void theStricterOfEachRequirementWins() {
        StepUp a = new StepUp(false, Duration.ofHours(8), List.of("phr", "phrh"));
        StepUp b = new StepUp(true, Duration.ofMinutes(15), List.of("phrh", "x"));
        assertEquals(new StepUp(true, Duration.ofMinutes(15), List.of("phrh")), a.and(b));
        assertEquals(new StepUp(true, Duration.ofMinutes(15), List.of("phrh")), b.and(a));
    }

    @Test
    void anAbsentRequirementDoesNotLoosenAPresentOne() {
        StepUp a = new StepUp(true, Duration.ofMinutes(5), List.of("phr"));
        assertEquals(a, a.and(StepUp.NONE));
        assertEquals(a, StepUp.NONE.and(a));
    }
}
