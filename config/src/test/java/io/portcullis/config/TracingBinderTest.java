package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tracing}: unset unless written, each key bound, every mistake at its place. */
class TracingBinderTest {

    @Test
    void absentSectionLeavesEverythingUnset() throws Exception {
        assertEquals(TracingConfig.unset(), ConfigLoader.parse(ConfigLoaderErrorsTest.BASE, "c.yaml").tracing());
    }

    @Test
    void everyKeyBinds() throws Exception {
        TracingConfig t = ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + """
                tracing: { enabled: true, endpoint: "http://collector:4318", sampler_ratio: 0.1, service_name: edge }
                """, "c.yaml").tracing();
        assertEquals(new TracingConfig(true, URI.create("http://collector:4318"), 0.1, "edge"), t);
        TracingConfig partial = ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + "tracing: { enabled: false }\n",
                "c.yaml").tracing();
        assertEquals(new TracingConfig(false, null, null, null), partial);
    }

    @Test
    void badValuesAreProblemsWithTheirPlace() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(ConfigLoaderErrorsTest.BASE
                + "tracing: { enabled: yes, endpoint: \"ftp://x\", sampler_ratio: 1.5, servce_name: x }\n", "c.yaml"));
        List<String> problems = e.problems().stream().map(ConfigProblem::format).toList();
        assertEquals(4, problems.size(), problems.toString());
        List<String> keys = List.of("tracing.enabled:", "tracing.endpoint:", "tracing.sampler_ratio:", "tracing.servce_name");
        for (int i = 0; i < keys.size(); i++) {
            assertTrue(problems.get(i).contains(keys.get(i)), problems.get(i));
        }
        assertEquals("c.yaml:14:62: tracing.sampler_ratio: expected a number from 0 to 1, got '1.5'", problems.get(2));
    }
}
