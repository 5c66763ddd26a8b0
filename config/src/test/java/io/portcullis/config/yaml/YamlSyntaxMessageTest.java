package io.portcullis.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** YAML syntax errors read like every other problem: FILE:LINE:COL, in words, at the place to fix. */
class YamlSyntaxMessageTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "routes:\\n  - id: a\\n    match: { path_prefix: /a\\n|f.yaml:3:12: invalid YAML: '{' is never closed (a missing '}')",
        "routes:\\n\\t- id: a\\n|f.yaml:2:1: invalid YAML: a tab cannot indent YAML; indent with spaces",
        "a: b: c\\n|f.yaml:1:5: invalid YAML: unexpected ':' (quote a value that contains ': ', or check this line's indentation)",
        "a: 'unclosed\\n|f.yaml:1:4: invalid YAML: the quoted value is never closed (a missing quote)",
        "a:\\n  - b\\n c: d\\n|f.yaml:3:2: invalid YAML: this line's indentation does not match the block that starts at 1:1",
        "a: \"\\q\"\\n|f.yaml:1:6: invalid YAML: unknown escape '\\q' in a double-quoted value (write \\\\ for a backslash, or use single quotes)",
        "a: @x\\n|f.yaml:1:4: invalid YAML: a value cannot start with '@'; quote the value",
        "a: [1, 2\\nb: 3\\n|f.yaml:2:2: invalid YAML: expected ',' or ']' in the '[' opened at 1:4 (a missing ']' or ','?)",
        "a: *x\\n|f.yaml:1:4: invalid YAML: YAML anchors and aliases are not supported",
    })
    void aSyntaxErrorIsOnePlainProblem(String escaped, String expected) {
        String yaml = escaped.replace("\\n", "\n").replace("\\t", "\t");
        ConfigException e = assertThrows(ConfigException.class, () -> YamlNodes.parse(yaml, "f.yaml"));
        assertEquals(List.of(expected), e.problems().stream().map(ConfigProblem::format).toList());
    }
}
