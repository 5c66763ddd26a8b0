package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code risk.history}: defaults to 30 days, bounded, every mistake at its place. */
class RiskBinderTest {

    @Test
    void historyDefaultsAndBinds() throws Exception {
        assertEquals(Duration.ofDays(30), ConfigLoader.parse(ConfigLoaderErrorsTest.BASE, "c.yaml").risk().history());
        assertEquals(Duration.ofDays(7),
                ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + "risk: { history: 7d }\n", "c.yaml").risk().history());
    }

    @Test
    void outOfRangeAndUnknownKeysAreProblems() {
        ConfigException tooShort = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + "risk: { history: 5m }\n", "c.yaml"));
        assertEquals(List.of("c.yaml:14:18: risk.history: must be at least 1h"),
                tooShort.problems().stream().map(ConfigProblem::format).toList());
        ConfigException typo = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + "risk: { histroy: 7d }\n", "c.yaml"));
        assertEquals(1, typo.problems().size());
    }
}
