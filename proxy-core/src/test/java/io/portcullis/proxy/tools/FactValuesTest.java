package io.portcullis.proxy.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.yaml.YamlNodes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactValuesTest {

    static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    final List<ConfigProblem> problems = new ArrayList<>();

    Map<String, Object> read(String yaml) throws Exception {
        return new FactValues(NOW, problems).object(YamlNodes.parse(yaml, "f.yaml"), "claims");
    }

    @Test
    void scalarsTakeTheJsonTypeATokenWouldCarry() throws Exception {
        Map<String, Object> v = read("""
                verified: true
                quoted: "true"
                count: 3
                ratio: 0.5
                name: alice
                groups: [admins, "42"]
                nested: { level: 2 }
                """);
        assertEquals(Boolean.TRUE, v.get("verified"));
        assertEquals("true", v.get("quoted"));
        assertEquals(3L, v.get("count"));
        assertEquals(new BigDecimal("0.5"), v.get("ratio"));
        assertEquals("alice", v.get("name"));
        assertEquals(List.of("admins", "42"), v.get("groups"));
        assertEquals(Map.of("level", 2L), v.get("nested"));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void relativeTimesAreEpochSecondsFromTheTestClock() throws Exception {
        Map<String, Object> v = read("""
                a: now
                b: now-1h
                c: now+15m
                d: now-1d2h
                e: "now-1h"
                """);
        long now = NOW.getEpochSecond();
        assertEquals(now, v.get("a"));
        assertEquals(now - 3600, v.get("b"));
        assertEquals(now + 900, v.get("c"));
        assertEquals(now - 93600, v.get("d"));
        assertEquals("now-1h", v.get("e"), "quoted: a string, as the author asked");
    }

    @Test
    void aBadRelativeTimeIsAProblemAtItsPosition() throws Exception {
        Map<String, Object> v = read("auth_time: now-soon\n");
        assertNull(v.get("auth_time"));
        assertEquals(1, problems.size());
        assertEquals("f.yaml:1:12", problems.get(0).position().toString());
    }

    @Test
    void aNonMapIsAProblem() throws Exception {
        assertEquals(Map.of(), read("[a, b]\n"));
        assertTrue(problems.get(0).message().contains("expected a map"), problems.toString());
    }
}
