package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthPathTest {

    private static final String BASE = ConfigLoaderErrorsTest.BASE;

    @Test
    void offByDefaultAndBoundWhenSet() throws Exception {
        assertNull(ConfigLoader.parse(BASE, "f.yaml").transport().healthPath());
        assertEquals("/.portcullis/healthz",
                ConfigLoader.parse(BASE + "health_path: /.portcullis/healthz\n", "f.yaml").transport().healthPath());
        // a catch-all route names no path: the health path is answered first, as documented
        assertEquals("/healthz", ConfigLoader.parse(BASE.replace("/app", "/") + "health_path: /healthz\n", "f.yaml")
                .transport().healthPath());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not absolute  | healthz                   | 14:14: health_path: must start with /, got 'healthz'",
        "root          | /                         | 14:14: health_path: '/' would answer every request; use e.g. /.portcullis/healthz",
        "trailing      | /healthz/                 | 14:14: health_path: '/healthz/' is not a canonical path (no trailing /, //, dot segments, %, query or fragment)",
        "dot segment   | /a/../healthz             | 14:14: health_path: '/a/../healthz' is not a canonical path (no trailing /, //, dot segments, %, query or fragment)",
        "query         | /healthz?x                | 14:14: health_path: '/healthz?x' is not a canonical path (no trailing /, //, dot segments, %, query or fragment)",
        "own endpoint  | /.portcullis/callback     | 14:14: health_path: '/.portcullis/callback' is one of Portcullis's own endpoints",
    })
    void refusesPathsItCannotAnswerSafely(String name, String path, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(BASE + "health_path: " + path + "\n", "f.yaml"));
        assertEquals(List.of("f.yaml:" + expected), e.problems().stream().map(ConfigProblem::format).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "prefix above  | '{ path_prefix: /app }'            | /app/healthz | routes[0].match.path_prefix",
        "prefix equal  | '{ path_prefix: /app/healthz/ }'   | /app/healthz | routes[0].match.path_prefix",
        "exact path    | '{ path: /app/healthz }'          | /app/healthz | routes[0].match.path",
        "regex         | '{ path_regex: ^/app.*$ }'         | /app/healthz | routes[0].match.path_regex",
    })
    void aRouteThatNamesAPathReachingItIsAProblem(String name, String match, String health, String field) {
        String yaml = BASE.replace("{ path_prefix: /app }", match)
                + "health_path: " + health + "\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "f.yaml"));
        assertEquals(List.of("f.yaml:7:5: " + field + ": reaches health_path " + health
                + ", which the listener answers itself before routing; move health_path or narrow the route"),
                e.problems().stream().map(ConfigProblem::format).toList());
    }

    @Test
    void aPrefixThatOnlySharesCharactersIsNoProblem() throws Exception {
        assertEquals("/application", ConfigLoader.parse(BASE + "health_path: /application\n", "f.yaml")
                .transport().healthPath());
    }
}
