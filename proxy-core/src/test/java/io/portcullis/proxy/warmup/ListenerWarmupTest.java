package io.portcullis.proxy.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How many requests settling sends before it asks whether the compilers went quiet: twice C2's count of
 * calls (a method run on every other request gets there too), never past the warm-up's bound. The
 * listener warm-up itself runs through a real listener in {@link PipelineWarmupTest}.
 */
class ListenerWarmupTest {

    @ParameterizedTest(name = "{0} calls to C2, at most {1} requests -> {2}")
    @CsvSource({
            // calls to reach C2, most requests, least requests
            "5200, 22000, 10400",  // the defaults: iterations 2000, bound 11 times that
            "5200, 3300,  3300",   // a small iterations: the bound wins
            "1000, 22000, 2000",   // lower thresholds set by hand
    })
    void twiceTheCallsToReachC2WithinTheBound(long callsToReachC2, long most, long least) {
        assertEquals(least, ListenerWarmup.leastRequests(callsToReachC2, most));
    }
}
