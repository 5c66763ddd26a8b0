package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader gives exactly what Nimbus's own parser gives for every JSON object, and where it
 * differs it only refuses: never accepts what Nimbus refuses, never reads a value differently.
 */
class JsonObjectReaderTest {

    private static final int CASES = 20_000;

    @Test
    void readsRandomObjectsExactlyAsNimbusDoes() throws Exception {
        Random random = new Random(20261126);
        for (int i = 0; i < CASES; i++) {
            String json = render(randomObject(random, 0), random);
            assertEquals(JSONObjectUtils.parse(json), JsonObjectReader.parse(json), json);
        }
    }

    @Test
    void mutatedTextIsRefusedOrReadAsNimbusReadsIt() throws Exception {
        Random random = new Random(7235);
        String alphabet = "{}[]\":,.-+eE0123456789 \\/ntfrbu\"ascii\u0000\u001f\u00e9\ud83d";
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            StringBuilder text = new StringBuilder(render(randomObject(random, 0), random));
            for (int m = 1 + random.nextInt(3); m > 0 && text.length() > 0; m--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String json = text.toString();
            Map<String, Object> ours;
            try {
                ours = JsonObjectReader.parse(json);
            } catch (ParseException refused) {
                continue;
            }
            accepted++;
            assertEquals(JSONObjectUtils.parse(json), ours, json);
        }
        // The mutations must leave a fair share of valid text, or this test checks nothing.
        assertEquals(true, accepted > CASES / 20, "accepted " + accepted);
    }

    @Test
    void immutableValuesReadTheSameAndNoNestedValueCanBeChanged() throws Exception {
        Random random = new Random(4711);
        for (int i = 0; i < CASES / 10; i++) {
            String json = render(randomObject(random, 0), random);
            Map<String, Object> frozen = JsonObjectReader.parseWithImmutableValues(json);
            assertEquals(JsonObjectReader.parse(json), frozen, json);
            frozen.values().forEach(value -> assertUnmodifiable(value, json));
        }
    }

    private static void assertUnmodifiable(Object value, String json) {
        if (value instanceof Map<?, ?> map) {
            assertThrows(UnsupportedOperationException.class, map::clear, json);
            map.values().forEach(nested -> assertUnmodifiable(nested, json));
        } else if (value instanceof List<?> list) {
            assertThrows(UnsupportedOperationException.class, list::clear, json);
            list.forEach(nested -> assertUnmodifiable(nested, json));
        }
    }

    @Test
    void numbersHaveNimbusShapes() throws Exception {
        Map<String, Object> read = JsonObjectReader.parse(
                "{\"a\":10,\"b\":-0,\"c\":1.5,\"d\":1e2,\"e\":99999999999999999999,\"f\":9223372036854775807}");
        assertEquals(10L, read.get("a"));
        assertEquals(0L, read.get("b"));
        assertEquals(1.5, read.get("c"));
        assertEquals(100.0, read.get("d"));
        assertEquals(1e20, read.get("e"));
        assertEquals(Long.MAX_VALUE, read.get("f"));
        assertEquals(JSONObjectUtils.parse("{\"e\":99999999999999999999}").get("e"), read.get("e"));
    }

    @Test
    void refusesWhatATokenMustNotCarry() {
        for (String bad : List.of(
                "", " ", "[]", "\"s\"", "1", "{", "{\"a\":1", "{\"a\":1}x", "{\"a\":1}{}", "{\"a\" 1}",
                "{a:1}", "{'a':1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}",
                "{\"a\":1e400}", "{\"a\":NaN}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
                "{\"a\":\"line\nbreak\"}", "{\"a\":[1,]}", "{\"a\":1,}", "{,}", "{\"sub\":\"alice\",\"sub\":\"admin\"}",
                "[".repeat(10) + "]".repeat(10),
                "{\"a\":" + "[".repeat(JsonObjectReader.MAX_DEPTH) + "]".repeat(JsonObjectReader.MAX_DEPTH) + "}")) {
            assertThrows(ParseException.class, () -> JsonObjectReader.parse(bad), bad);
        }
    }

    @Test
    void escapesAndUnicodeAreDecoded() throws Exception {
        String json = "{\"s\":\"q\\\"b\\\\s\\/n\\n\\t\\r\\b\\f\\u00e9\\ud83d\\ude00 \u00e9\"}";
        assertEquals(JSONObjectUtils.parse(json), JsonObjectReader.parse(json));
        assertEquals("q\"b\\s/n\n\t\r\b\f\u00e9\ud83d\ude00 \u00e9", JsonObjectReader.parse(json).get("s"));
    }

    private static Map<String, Object> randomObject(Random random, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int n = random.nextInt(depth == 0 ? 8 : 4); n > 0; n--) {
            object.put(randomString(random), randomValue(random, depth + 1));
        }
        return object;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> randomString(random);
            case 1 -> (long) random.nextInt() * (random.nextBoolean() ? 1 : 1_000_003L);
            case 2 -> random.nextBoolean() ? random.nextDouble() * 1e6 : (double) random.nextInt(1000) / 8;
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> Long.MAX_VALUE - random.nextInt(10);
            case 6 -> randomObject(random, depth);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String randomString(Random random) {
        String pool = "abcXYZ019 _-:./@\"\\\n\t\u00e9\u4e2d\ud83d\ude00";
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(8); n > 0; n--) {
            s.append(pool.charAt(random.nextInt(pool.length())));
        }
        return s.toString();
    }

    /** JSON text for a value, with random whitespace and random (valid) escaping choices. */
    private static String render(Object value, Random random) {
        StringBuilder out = new StringBuilder();
        render(value, random, out);
        return out.toString();
    }

    private static void render(Object value, Random random, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{').append(space(random));
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',').append(space(random));
                }
                first = false;
                quote((String) e.getKey(), random, out);
                out.append(space(random)).append(':').append(space(random));
                render(e.getValue(), random, out);
            }
            out.append(space(random)).append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',').append(space(random));
                }
                render(list.get(i), random, out);
            }
            out.append(']');
        } else if (value instanceof String s) {
            quote(s, random, out);
        } else if (value instanceof Double d && random.nextInt(4) == 0) {
            out.append(String.format("%.3e", d).replace(",", "."));
        } else {
            out.append(value);
        }
    }

    private static void quote(String s, Random random, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || random.nextInt(10) == 0) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static String space(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\n\t";
            default -> "";
        };
    }
}
