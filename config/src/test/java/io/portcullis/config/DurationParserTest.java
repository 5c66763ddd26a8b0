package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"500ms, 500", "30s, 30000", "15m, 900000", "8h, 28800000", "1d, 86400000", "1h30m, 5400000",
            "1d2h3m4s5ms, 93784005", "0s, 0"})
    void parses(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), DurationParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "-5s", "5 s", "1.5s", "30m1h", "1h1h", "5S", "1w", "s", "1h 30m", "10000000000s"})
    void refuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> DurationParser.parse(text));
    }

    @Test
    void formatsTheShortestExactForm() {
        assertEquals("5m", DurationParser.format(Duration.ofMinutes(5)));
        assertEquals("10s", DurationParser.format(Duration.ofSeconds(10)));
        assertEquals("1500ms", DurationParser.format(Duration.ofMillis(1500)));
        assertEquals("2d", DurationParser.format(Duration.ofDays(2)));
        assertEquals("3h", DurationParser.format(Duration.ofHours(3)));
    }
}
