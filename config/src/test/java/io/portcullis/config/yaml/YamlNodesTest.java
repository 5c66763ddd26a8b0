package io.portcullis.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.Position;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlNodesTest {

    @Test
    void everyNodeKeepsItsLineAndColumn() throws Exception {
        MapNode root = (MapNode) YamlNodes.parse("""
                a: 1
                b:
                  - x
                  - { c: "q" }
                """, "t.yaml");

        assertEquals(new Position("t.yaml", 1, 1), root.position());
        assertEquals(new Position("t.yaml", 1, 1), root.entries().get("a").keyPosition());
        ScalarNode a = (ScalarNode) root.get("a").orElseThrow();
        assertEquals(new Position("t.yaml", 1, 4), a.position());
        assertEquals("1", a.value());
        assertFalse(a.quoted());
        ListNode b = (ListNode) root.get("b").orElseThrow();
        assertEquals(new Position("t.yaml", 3, 3), b.position());
        assertEquals(new Position("t.yaml", 3, 5), b.items().get(0).position());
        MapNode inner = (MapNode) b.items().get(1);
        assertEquals(new Position("t.yaml", 4, 5), inner.position());
        ScalarNode c = (ScalarNode) inner.get("c").orElseThrow();
        assertEquals(new Position("t.yaml", 4, 10), c.position());
        assertTrue(c.quoted());
        assertEquals(List.of("a", "b"), List.copyOf(root.entries().keySet()));
    }

    @Test
    void nullsAreNullButQuotedNullIsAString() throws Exception {
        MapNode root = (MapNode) YamlNodes.parse("a: ~\nb:\nc: 'null'\n", "t.yaml");
        assertTrue(((ScalarNode) root.get("a").orElseThrow()).isNull());
        assertTrue(((ScalarNode) root.get("b").orElseThrow()).isNull());
        assertEquals("null", ((ScalarNode) root.get("c").orElseThrow()).value());
    }

    @Test
    void anEmptyDocumentIsAnEmptyMap() throws Exception {
        MapNode root = assertInstanceOf(MapNode.class, YamlNodes.parse("# nothing\n", "t.yaml"));
        assertTrue(root.entries().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "duplicate key | 'a: 1\\na: 2\\n' | 2:1: duplicate key 'a' (first defined at t.yaml:1:1)",
            "anchor | 'a: &x 1\\nb: 2\\n' | 1:4: YAML anchors and aliases are not supported",
            "merge key | 'a: 1\\nb:\\n  <<: {c: 1}\\n' | 3:3: YAML merge keys are not supported",
            "custom tag | 'a: !!binary aGVsbG8=\\n' | 1:4: YAML tag tag:yaml.org,2002:binary is not supported",
            "list as key | '? [a]\\n: 1\\n' | 1:3: map keys must be plain strings",
            "null key | '~: 1\\n' | 1:1: map keys must be plain strings",
    })
    void refusesHostileOrSloppyInput(String name, String text, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> YamlNodes.parse(text.replace("\\n", "\n"), "t.yaml"));
        assertEquals(List.of("t.yaml:" + expected), e.problems().stream().map(ConfigProblem::format).toList());
    }

    @Test
    void aliasesAreRefusedBeforeTheyCanExpand() {
        String bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
        ConfigException e = assertThrows(ConfigException.class, () -> YamlNodes.parse(bomb, "t.yaml"));
        assertTrue(e.getMessage().startsWith("t.yaml:"), e.getMessage());
    }

    @Test
    void syntaxErrorsNameTheirPlace() {
        ConfigException e = assertThrows(ConfigException.class, () -> YamlNodes.parse("a: [1, 2\nb: 3\n", "t.yaml"));
        ConfigProblem p = e.problems().get(0);
        assertEquals("t.yaml", p.position().file());
        assertTrue(p.position().line() >= 1);
        assertTrue(p.message().startsWith("invalid YAML: "), p.message());
        assertFalse(p.message().contains("Exception"), p.message());
    }

    @Test
    void oversizedDocumentsAreRefused() {
        String big = "a: " + "x".repeat(YamlNodes.MAX_DOCUMENT_CHARS);
        ConfigException e = assertThrows(ConfigException.class, () -> YamlNodes.parse(big, "t.yaml"));
        assertEquals("t.yaml:1:1: file is larger than " + YamlNodes.MAX_DOCUMENT_CHARS + " characters", e.getMessage());
    }
}
