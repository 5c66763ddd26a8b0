package io.portcullis.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.policy.testing.PolicyYaml;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    static Stream<Arguments> durations() {
        return Stream.of(
                arguments("90s", Duration.ofSeconds(90)), arguments("15m", Duration.ofMinutes(15)),
                arguments("8h", Duration.ofHours(8)), arguments("1d", Duration.ofDays(1)),
                arguments("1h30m", Duration.ofMinutes(90)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void readsOperatorDurations(String text, Duration expected) {
        assertEquals(expected, DurationText.parse(value(text), "v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "8 h", "PT8H", "-1h", "1w", "h", "0s", "''"})
    void rejectsAnythingElse(String text) {
        Node node = value(text);
        assertThrows(InvalidRule.class, () -> DurationText.parse(node, "v"));
    }

    private static Node value(String text) {
        return ((MapNode) PolicyYaml.parse("v: " + text)).get("v").orElseThrow();
    }
}
