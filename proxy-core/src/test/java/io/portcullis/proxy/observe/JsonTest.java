package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
