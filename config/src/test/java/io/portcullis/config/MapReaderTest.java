package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.yaml.YamlNodes;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapReaderTest {

    private static List<String> problemsOf(Problems problems) {
        ConfigException e = assertThrows(ConfigException.class, () -> problems.throwIfAny(null));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    @Test
    void keysNeverAskedForAreUnknownAndKeysAskedForAreNot() throws Exception {
        Problems problems = new Problems();
        MapReader r = MapReader.of(YamlNodes.parse("name: a\nnmae: b\nother: c\n", "m.yaml"), "top", problems)
                .orElseThrow();

        assertEquals("a", r.optional("name", Values.string(), "x"));
        assertEquals("fallback", r.optional("absent", Values.string(), "fallback"));
        r.finish();

        assertEquals(List.of(
                "m.yaml:2:1: top.nmae: unknown key 'nmae' (did you mean 'name'?)",
                "m.yaml:3:1: top.other: unknown key 'other'"), problemsOf(problems));
    }

    @Test
    void aMissingRequiredKeyIsReportedAtTheMap() throws Exception {
        Problems problems = new Problems();
        MapReader r = MapReader.of(YamlNodes.parse("a: 1\n", "m.yaml"), "x[2]", problems).orElseThrow();

        assertNull(r.required("b", Values.string()));
        assertEquals("1", r.required("a", Values.string()));
        r.finish();

        assertEquals(List.of("m.yaml:1:1: x[2].b: is required"), problemsOf(problems));
    }

    @Test
    void aNonMapIsATypeProblemAtItsPosition() throws Exception {
        Problems problems = new Problems();
        assertTrue(MapReader.of(YamlNodes.parse("[1, 2]\n", "m.yaml"), "limits", problems).isEmpty());
        assertEquals(List.of("m.yaml:1:1: limits: expected a map, got a list"), problemsOf(problems));
    }

    @Test
    void aBadValueFallsBackAfterRecordingItsProblem() throws Exception {
        Problems problems = new Problems();
        MapReader r = MapReader.of(YamlNodes.parse("on: maybe\n", "m.yaml"), "", problems).orElseThrow();

        assertEquals(Boolean.FALSE, r.optional("on", Values.bool(), false));

        assertEquals(List.of("m.yaml:1:5: on: expected true or false, got 'maybe'"), problemsOf(problems));
    }
}
