package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    private static String quoted(String s) {
        return Json.quote(new StringBuilder(), s).toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "plain         | /admin/users          | '\"/admin/users\"'",
        "non-ASCII     | café ü                | '\"café ü\"'",
        "quote first   | '\"a'                 | '\"\\\"a\"'",
        "backslash end | 'a\\'                 | '\"a\\\\\"'",
    })
    void escapesOnlyWhatJsonNeeds(String name, String in, String out) {
        assertEquals(out, quoted(in));
    }

    @org.junit.jupiter.api.Test
    void controlAndLineSeparatorCharactersAreEscapedWhereverTheyAre() {
        assertEquals("\"\\nab\"", quoted("\nab"));
        assertEquals("\"a\\r\\tb\"", quoted("a\r\tb"));
        assertEquals("\"ab\\u0000\"", quoted("ab\u0000"));
        assertEquals("\"a\\u007fb\"", quoted("a\u007fb"));
        assertEquals("\"x\\u2028y\\u2029\"", quoted("x\u2028y\u2029"));
        assertEquals("null", quoted(null));
        assertEquals("\"\"", quoted(""));
    }

    @org.junit.jupiter.api.Test
    void loneSurrogatesAreEscapedAndPairsKept() {
        assertEquals("\"a\\ud800\"", quoted("a\ud800"));
        assertEquals("\"\\udc00b\"", quoted("\udc00b"));
        // low before high is two lone halves, not a pair
        assertEquals("\"\\udc00\\ud800\"", quoted("\udc00\ud800"));
        assertEquals("\"\\ud800x\"", quoted("\ud800x"));
        String emoji = "\ud83d\ude00";
        assertEquals("\"x" + emoji + "\"", quoted("x" + emoji));
        assertEquals("\"\\n" + emoji + "\\ud83d\"", quoted("\n" + emoji + "\ud83d"));
    }

    @org.junit.jupiter.api.Test
    void twoDistinctSubjectsNeverLogTheSameBytes() throws Exception {
        String[] subjects = {"alice\ud800", "alice\ud801", "alice\udc00", "alice?", "alice\ud83d\ude00",
            "alice\ude00\ud83d", "alice"};
        byte[][] lines = new byte[subjects.length][];
        for (int i = 0; i < subjects.length; i++) {
            String line = "{\"sub\":" + quoted(subjects[i]) + "}";
            lines[i] = line.getBytes(StandardCharsets.UTF_8);
            // what a JSON reader gets back from the UTF-8 line is the subject itself
            String read = (String) JSONObjectUtils.parse(new String(lines[i], StandardCharsets.UTF_8)).get("sub");
            assertEquals(subjects[i], read, "round trip of subject " + i);
        }
        for (int i = 0; i < lines.length; i++) {
            for (int j = i + 1; j < lines.length; j++) {
                assertFalse(Arrays.equals(lines[i], lines[j]), subjects[i] + " and " + subjects[j] + " logged alike");
            }
        }
        assertArrayEquals("\"alice\"".getBytes(StandardCharsets.UTF_8), quoted("alice").getBytes(StandardCharsets.UTF_8));
    }
}
