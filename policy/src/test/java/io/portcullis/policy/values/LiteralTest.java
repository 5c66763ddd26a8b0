package io.portcullis.policy.values;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.testing.PolicyYaml;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LiteralTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("true", true, TRUE), arguments("True", true, TRUE), arguments("false", true, FALSE),
                arguments("true", "true", UNKNOWN), arguments("\"true\"", "true", TRUE),
                arguments("\"true\"", true, UNKNOWN),
                arguments("42", 42, TRUE), arguments("42", 42L, TRUE), arguments("42", 42.0, TRUE),
                arguments("42", 43, FALSE), arguments("42", "42", UNKNOWN), arguments("'42'", "42", TRUE),
                arguments("4.5", 4.5, TRUE), arguments("4.5", 4, FALSE),
                arguments("admin", "admin", TRUE), arguments("admin", "Admin", FALSE),
                arguments("admin", List.of("admin"), UNKNOWN), arguments("admin", Map.of(), UNKNOWN),
                arguments("'yes'", "yes", TRUE), arguments("'on'", true, UNKNOWN), arguments("y", "y", TRUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "No", "on", "OFF"})
    void refusesYaml11BooleansThatAJsonReaderWouldTakeForStrings(String yaml) {
        InvalidRule e = assertThrows(InvalidRule.class, () -> Literal.of(scalar(yaml), "v"));
        assertEquals("test.yaml:1:4: v: '" + yaml + "' is ambiguous; write true or false, or quote it for a string",
                e.problem().format());
    }

    private static ScalarNode scalar(String yaml) {
        return (ScalarNode) ((MapNode) PolicyYaml.parse("v: " + yaml)).get("v").orElseThrow();
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @MethodSource("cases")
    void equalityIsTypeStrictAndOtherTypesAreUnknown(String yaml, Object fact, Tri expected) {
        assertEquals(expected, Literal.of(scalar(yaml), "v").matches(fact));
    }
}
