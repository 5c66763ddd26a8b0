package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The example in docs/configuration.md must load, so the documentation cannot drift from the code. */
class ConfigDocsExampleTest {

    @Test
    void theDocumentedExampleLoads() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        assertTrue(Files.exists(doc), "expected the docs next to the config module: " + doc.toAbsolutePath());
        String markdown = Files.readString(doc);
        int start = markdown.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = markdown.substring(start, markdown.indexOf("```", start));

        PortcullisConfig c = ConfigLoader.parse(yaml, "configuration.md");

        assertEquals(List.of("admin", "public", "apps"), c.routes().stream().map(RouteConfig::id).toList());
        assertEquals("staff-from-office", c.routes().get(2).access().shadowPolicy());
        assertTrue(c.routes().get(2).match().hostPattern().matches("payroll.apps.example.com"));
        assertTrue(c.policies().get("staff-from-office").isShadow());
        assertEquals(List.of("office"), List.copyOf(c.conditions().keySet()));
        assertEquals(Set.of("GET", "POST"), c.routes().get(0).match().methods());
        assertEquals(List.of("corp", "mdm"), c.identity().issuers().stream().map(IssuerConfig::id).toList());
        assertTrue(c.isDeviceIssuer("mdm"));
        assertEquals(LimitsConfig.defaults(), c.limits());
        assertEquals(TimeoutsConfig.defaults(), c.timeouts());
    }
}
