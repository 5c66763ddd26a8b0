package io.portcullis.proxy.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.config.MatchConfig;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How many requests settling sends before it asks whether the compilers went quiet: twice C2's count of
 * calls (a method run on every other request gets there too), never past the warm-up's bound; and the
 * forms of Host the warm-up's requests take. The listener warm-up itself runs through a real listener in
 * {@link PipelineWarmupTest}.
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

    @ParameterizedTest(name = "route host {0}, form {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "none,            0, warmup.portcullis.invalid",
            "none,            1, warmup.portcullis.invalid:8443",
            "none,            2, 127.0.0.1:8443",
            "app.example,     0, app.example",
            "app.example,     1, app.example:8443",
            "app.example,     2, app.example:8443",   // a route for a name never gets an IP literal
            "*.corp.example,  0, warmup.corp.example",
            "*.corp.example,  1, warmup.corp.example:8443",
    })
    void theHostTakesEachFormTheRouteMatches(String routeHost, int form, String host) {
        assertEquals(host, ListenerWarmup.host(new MatchConfig(routeHost, null, "/", null, Set.of()), form, 8443));
    }
}
