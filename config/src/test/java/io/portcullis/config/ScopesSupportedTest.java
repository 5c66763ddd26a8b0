package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A route's {@code scopes_supported}: bound in order, absent means none, a non-scope refused at its place. */
class ScopesSupportedTest {

    private static String config(String text) {
        return ConfigLoaderErrorsTest.BASE.replace("    policy: users\n", "    policy: users\n" + text);
    }

    @Test
    void boundInOrderAndAbsentMeansNone() throws Exception {
        assertEquals(List.of("orders:read", "orders:write"), ConfigLoader.parse(
                config("    scopes_supported: [orders:read, orders:write]\n"), "c.yaml")
                .routes().get(0).access().scopesSupported());
        assertEquals(List.of(), ConfigLoader.parse(config(""), "c.yaml").routes().get(0).access().scopesSupported());
    }

    @Test
    void aValueThatCannotBeAScopeIsReportedWhereItIs() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(config("    scopes_supported: [ok, \"two words\"]\n"), "c.yaml"));
        List<String> problems = e.problems().stream().map(ConfigProblem::format).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).startsWith("c.yaml:11:"), problems.get(0));
        assertEquals(true, problems.get(0).contains("routes[0].scopes_supported[1]"), problems.get(0));
        assertEquals(true, problems.get(0).contains("'two words' is not a scope"), problems.get(0));
    }
}
