package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.YamlNodes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    private static Node node(String yaml) throws ConfigException {
        return YamlNodes.parse(yaml, "v.yaml");
    }

    private static List<String> problemsOf(Problems problems) {
        ConfigException e = assertThrows(ConfigException.class, () -> problems.throwIfAny(null));
        return e.problems().stream().map(ConfigProblem::message).toList();
    }

    @Test
    void booleansAreOnlyUnquotedTrueAndFalse() throws Exception {
        Problems problems = new Problems();
        assertEquals(Boolean.TRUE, Values.bool().read(node("true"), "b", problems));
        assertEquals(Boolean.FALSE, Values.bool().read(node("false"), "b", problems));
        assertTrue(problems.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "on", "True", "1", "'true'", "\"false\"", "~", "[true]"})
    void everyOtherBooleanSpellingIsAProblem(String yaml) throws Exception {
        Problems problems = new Problems();
        assertNull(Values.bool().read(node(yaml), "b", problems));
        assertEquals(1, problemsOf(problems).size());
    }

    @Test
    void integersAndSizesHonourTheirRange() throws Exception {
        Problems problems = new Problems();
        assertEquals(7L, Values.integer(1, 10).read(node("7"), "n", problems));
        assertNull(Values.integer(1, 10).read(node("11"), "n", problems));
        assertNull(Values.integer(1, 10).read(node("1KB"), "n", problems));
        assertEquals(2048L, Values.byteSize(1, 4096).read(node("2KB"), "s", problems));
        assertEquals(List.of("n: must be between 1 and 10, got 11", "n: expected a whole number, got '1KB'"),
                problemsOf(problems));
    }

    @Test
    void aListKeepsItsGoodItemsAndReportsEachBadOneByIndex() throws Exception {
        Problems problems = new Problems();
        List<Duration> d = Values.listOf(Values.positiveDuration()).read(node("[1s, 0s, x, 2m]"), "l", problems);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMinutes(2)), d);
        List<String> messages = problemsOf(problems);
        assertEquals("l[1]: must be greater than zero", messages.get(0));
        assertTrue(messages.get(1).startsWith("l[2]: invalid duration 'x'"), messages.get(1));
    }

    @Test
    void stringsMustBeNonBlankScalars() throws Exception {
        Problems problems = new Problems();
        assertNull(Values.string().read(node("''"), "s", problems));
        assertNull(Values.string().read(node("{a: 1}"), "s", problems));
        assertNull(Values.string().read(node("'  '"), "s", problems));
        assertEquals("007", Values.string().read(node("007"), "s", problems));
        assertEquals(" a ", Values.string().read(node("' a '"), "s", problems));
        assertEquals(List.of("s: must not be empty", "s: expected a string, got a map", "s: must not be blank"),
                problemsOf(problems));
    }
}
