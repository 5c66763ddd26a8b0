package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code warmup}: the defaults, each key, and a bad value named at its place. */
class WarmupBinderTest {

    private static WarmupConfig warmup(String yaml) throws ConfigException {
        return ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + yaml, "c.yaml").transport().warmup();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''                                                   | true  | 2000 | PT30S",
            "'warmup: { enabled: false }'                         | false | 2000 | PT30S",
            "'warmup: { iterations: 500 }'                        | true  | 500  | PT30S",
            "'warmup: { settle: 0s }'                             | true  | 2000 | PT0S",
            "'warmup: { enabled: true, iterations: 1, settle: 5m }' | true  | 1    | PT5M",
    })
    void bindsEachKeyAndDefaultsTheRest(String yaml, boolean enabled, int iterations, Duration settle)
            throws ConfigException {
        assertEquals(new WarmupConfig(enabled, iterations, settle), warmup(yaml.isEmpty() ? "" : yaml + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'warmup: { settle: 6m }'      | warmup.settle",
            "'warmup: { settle: -1s }'     | warmup.settle",
            "'warmup: { iterations: 0 }'   | warmup.iterations",
            "'warmup: { settel: 10s }'     | settel",
    })
    void refusesABadValueNamingItsField(String yaml, String field) {
        ConfigException e = assertThrows(ConfigException.class, () -> warmup(yaml + "\n"));
        List<String> problems = e.problems().stream().map(ConfigProblem::format).toList();
        assertTrue(problems.stream().anyMatch(p -> p.contains("c.yaml") && p.contains(field)), problems.toString());
    }
}
