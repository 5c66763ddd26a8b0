package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Portcullis gauge still reads a number after garbage collections: Micrometer holds a gauge's
 * state object weakly unless told otherwise, and a gauge whose state was collected reads NaN for ever
 * (so an alert on it can never fire). A real proxy is started, the JVM is made to collect, and its
 * admin listener is scraped.
 */
class GaugesSurviveGcTest {

    private static final Pattern SAMPLE = Pattern.compile("^(portcullis_[a-z_]+)(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

    @Test
    void issuerStaleAndOpenConnectionsAreNumbersAfterAForcedGc() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.EXAMPLE)) {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(20);
            }
            String scrape;
            try (RawHttp admin = new RawHttp(fx.portcullis.adminPort())) {
                RawHttp.Response r = admin.get("/metrics");
                assertEquals(200, r.status());
                scrape = r.body();
            }
            List<String> gauges = new ArrayList<>();
            Matcher m = SAMPLE.matcher(scrape);
            while (m.find()) {
                assertFalse(m.group(3).equalsIgnoreCase("NaN"), "a collected gauge: " + m.group());
                gauges.add(m.group(1) + (m.group(2) == null ? "" : m.group(2)) + " " + m.group(3));
            }
            assertTrue(gauges.contains("portcullis_issuer_keys_stale{issuer=\"corp\"} 0.0"), gauges.toString());
            assertTrue(gauges.contains("portcullis_issuer_keys_stale{issuer=\"mdm\"} 0.0"), gauges.toString());
            assertTrue(gauges.stream().anyMatch(g -> g.startsWith("portcullis_connections_open ")), gauges.toString());
        }
    }
}
