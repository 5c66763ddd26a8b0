package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rate_limit} on a route: bound with defaults, and each mistake reported at its place. */
class RateLimitBinderTest {

    /** The errors test's valid base file, with {@code rateLimit} added to its one route. */
    static String config(String rateLimit) {
        return ConfigLoaderErrorsTest.BASE.replace("    policy: users\n", "    policy: users\n" + rateLimit);
    }

    static List<String> problems(String rateLimit) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(config(rateLimit), "c.yaml"));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    @Test
    void bindsEveryFieldAndDefaultsBurstToRequests() throws Exception {
        RateLimitConfig full = ConfigLoader.parse(config(
                "    rate_limit: { per: subject, requests: 100, per_seconds: 60, burst: 20 }\n"), "c.yaml")
                .routes().get(0).limits().rateLimit();
        assertEquals("subject", full.per());
        assertEquals(100, full.requests());
        assertEquals(60, full.perSeconds());
        assertEquals(20, full.burst());
        assertEquals(100.0 / 60, full.refillPerSecond());
        RateLimitConfig minimal = ConfigLoader.parse(config("    rate_limit: { per: source_ip, requests: 5 }\n"),
                "c.yaml").routes().get(0).limits().rateLimit();
        assertEquals(1, minimal.perSeconds());
        assertEquals(5, minimal.burst());
        assertNull(ConfigLoader.parse(config(""), "c.yaml").routes().get(0).limits().rateLimit());
    }

    @Test
    void mistakesAreReportedWhereTheyAre() {
        assertEquals(List.of("c.yaml:11:24: routes[0].rate_limit.per: expected one of subject, device, source_ip,"
                + " got 'user'"), problems("    rate_limit: { per: user, requests: 5 }\n"));
        assertEquals(1, problems("    rate_limit: { per: subject }\n").size(), "requests is required");
        assertEquals(1, problems("    rate_limit: { per: subject, requests: 0 }\n").size());
        assertEquals(1, problems("    rate_limit: { per: subject, requests: 5, burts: 2 }\n").size());
    }
}
