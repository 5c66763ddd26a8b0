package io.portcullis.proxy.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the {@link ReevaluationCost} harness through Maven when asked ({@code -Dlive.bench=true}); it
 * measures and prints, and asserts nothing, so it never runs in the suite.
 */
@EnabledIfSystemProperty(named = "live.bench", matches = "true")
class ReevaluationCostRun {

    @Test
    void measure() throws Exception {
        ReevaluationCost.main(new String[0]);
    }
}
