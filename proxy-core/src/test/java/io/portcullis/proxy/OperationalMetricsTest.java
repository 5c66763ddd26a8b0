package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The metrics an operator alerts on for builds and config: which build and which config run, and
 * whether the last reload was applied. Read from the real admin listener after full garbage
 * collections, so a gauge whose value is only weakly held would read NaN here.
 */
class OperationalMetricsTest {

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), "no sample " + series + " in:\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    private static List<String> samples(String scrape, String name) {
        List<String> out = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                out.add(line.replaceAll(" 1\\.0$", " 1"));
            }
        }
        return out;
    }

    @Test
    void buildInfoCarriesTheVersionAndCommitOfVersionOutput() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.PUBLIC_APP)) {
            String scrape = AdminScrape.afterGc(fx);
            BuildInfo build = BuildInfo.current();
            assertEquals(1.0, value(scrape, "portcullis_build_info{commit=\"" + build.commit() + "\",version=\""
                    + build.version() + "\"}"));
            assertTrue(scrape.contains("# HELP portcullis_build_info "), scrape);
        }
    }

    @Test
    void configInfoAndLastReloadFollowEveryReload() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.PUBLIC_APP)) {
            String first = fx.portcullis.current().config().sha256();
            String scrape = AdminScrape.afterGc(fx);
            assertEquals(List.of("portcullis_config_info{sha256=\"" + first + "\"} 1"), samples(scrape, "portcullis_config_info"));
            assertEquals(1.0, value(scrape, "portcullis_config_last_reload_success"), "the start's load counts");
            double started = value(scrape, "portcullis_config_last_reload_success_timestamp_seconds");
            assertTrue(Math.abs(started - System.currentTimeMillis() / 1000.0) < 600, "a Unix time: " + started);

            fx.writeConfig(ProxyFixture.PUBLIC_APP.replace("policy: public", "policy: no-such-policy"));
            assertFalse(fx.portcullis.reload());
            scrape = AdminScrape.afterGc(fx);
            assertEquals(0.0, value(scrape, "portcullis_config_last_reload_success"), "refused: stays 0 until a good reload");
            assertEquals(started, value(scrape, "portcullis_config_last_reload_success_timestamp_seconds"));
            assertEquals(List.of("portcullis_config_info{sha256=\"" + first + "\"} 1"), samples(scrape, "portcullis_config_info"), "the running config is still the first");

            Thread.sleep(5);
            fx.writeConfig(ProxyFixture.PUBLIC_APP.replace("/app", "/other"));
            assertTrue(fx.portcullis.reload());
            String second = fx.portcullis.current().config().sha256();
            scrape = AdminScrape.afterGc(fx);
            assertEquals(1.0, value(scrape, "portcullis_config_last_reload_success"));
            assertTrue(value(scrape, "portcullis_config_last_reload_success_timestamp_seconds") > started);
            assertEquals(List.of("portcullis_config_info{sha256=\"" + second + "\"} 1"), samples(scrape, "portcullis_config_info"), "one series, for the config in use");
        }
    }

    @Test
    void nettyMemoryGaugesHaveHelpBaseUnitsAndNoPerRestartId() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.PUBLIC_APP)) {
            try (RawHttp c = fx.client()) {
                assertEquals(200, c.get("/app/x").status());
            }
            String scrape = AdminScrape.afterGc(fx);
            List<String> used = samples(scrape, "netty_allocator_memory_used_bytes");
            assertEquals(2, used.size(), scrape);
            for (String line : used) {
                assertFalse(line.contains("id="), "no per-restart id label: " + line);
                assertTrue(line.matches("netty_allocator_memory_used_bytes\\{allocator_type=\"\\w+\",memory_type=\"(direct|heap)\"} \\d+\\.\\d+(E\\d+)?"), line);
            }
            for (String name : List.of("netty_allocator_memory_used_bytes", "netty_direct_memory_max_bytes",
                    "netty_direct_memory_used_bytes")) {
                Matcher help = Pattern.compile("(?m)^# HELP " + name + " (.+)$").matcher(scrape);
                assertTrue(help.find() && help.group(1).length() > 20, "HELP text for " + name);
            }
            assertEquals((double) io.netty.util.internal.PlatformDependent.maxDirectMemory(),
                    value(scrape, "netty_direct_memory_max_bytes"));
            assertFalse(scrape.contains("NaN"), "no gauge lost its value to the collector:\n" + scrape);
        }
    }
}
