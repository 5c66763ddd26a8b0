package io.portcullis.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** docker-compose's interpolation syntax, applied to parsed YAML so positions survive. */
class EnvInterpolationTest {

    private static final Map<String, String> ENV = Map.of("HOST", "10.0.0.1", "EMPTY", "", "PORT", "8443");

    private static ScalarNode resolve(String value, List<ConfigProblem> problems) {
        ScalarNode in = new ScalarNode(value, false, new Position("f.yaml", 3, 9), null);
        return (ScalarNode) EnvInterpolation.apply(in, ENV, problems);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "${HOST}|10.0.0.1",
        "http://${HOST}:${PORT}/x|http://10.0.0.1:8443/x",
        "${MISSING:-fallback}|fallback",
        "${EMPTY:-fallback}|fallback",
        "${EMPTY-fallback}|''",
        "${MISSING-fallback}|fallback",
        "${MISSING:-}|''",
        "${HOST:-fallback}|10.0.0.1",
        "$${HOST}|${HOST}",
        "cost: $$5|cost: $5",
        "^/api$|^/api$",
        "a$b|a$b",
        "$|$",
    })
    void resolves(String written, String expected) {
        List<ConfigProblem> problems = new ArrayList<>();
        ScalarNode out = resolve(written, problems);
        assertEquals(List.of(), problems);
        assertEquals(expected.equals("''") ? "" : expected, out.value());
        assertEquals(new Position("f.yaml", 3, 9), out.position());
    }

    @Test
    void aSubstitutedValueRemembersWhatWasWrittenAndAPlainOneDoesNot() {
        List<ConfigProblem> problems = new ArrayList<>();
        ScalarNode sub = resolve("${HOST}", problems);
        assertTrue(sub.fromEnvironment());
        assertEquals("${HOST}", sub.shown());
        ScalarNode escaped = resolve("$$HOST", problems);
        assertFalse(escaped.fromEnvironment());
        assertNull(escaped.written());
        assertEquals("$HOST", escaped.shown());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "${MISSING}|f.yaml:3:9: environment variable MISSING is not set (give a default with ${MISSING:-default})",
        "x${MISSING:?set it to the upstream}|f.yaml:3:9: environment variable MISSING is not set: set it to the upstream",
        "${EMPTY:?}|f.yaml:3:9: environment variable EMPTY is empty",
        "${1ABC}|f.yaml:3:9: '${1ABC}': '1ABC' is not a variable name (letters, digits and _, not starting with a digit)",
        "${HOST|f.yaml:3:9: '${HOST': '${' without a closing '}' (write $$ for a literal $)",
    })
    void aBadReferenceIsAProblemAtTheValue(String written, String expected) {
        List<ConfigProblem> problems = new ArrayList<>();
        resolve(written, problems);
        assertEquals(List.of(expected), problems.stream().map(ConfigProblem::format).toList());
    }

    @Test
    void everyValueOfATreeIsResolvedAndNoKeyIs() throws ConfigException {
        Node root = YamlNodes.parse("""
                ${HOST}: a
                list: [ "${HOST}", '${PORT}' ]
                nested:
                  port: ${PORT}
                """, "f.yaml");
        List<ConfigProblem> problems = new ArrayList<>();
        MapNode out = (MapNode) EnvInterpolation.apply(root, ENV, problems);
        assertEquals(List.of(), problems);
        assertTrue(out.has("${HOST}"));
        ListNode list = (ListNode) out.get("list").orElseThrow();
        assertEquals("10.0.0.1", ((ScalarNode) list.items().get(0)).value());
        assertEquals("8443", ((ScalarNode) list.items().get(1)).value());
        ScalarNode port = (ScalarNode) ((MapNode) out.get("nested").orElseThrow()).get("port").orElseThrow();
        assertEquals("8443", port.value());
        assertEquals(new Position("f.yaml", 4, 9), port.position());
    }
}
