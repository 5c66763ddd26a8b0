package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeParserTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"0, 0", "4096, 4096", "16KB, 16384", "10MB, 10485760", "1GB, 1073741824", "8192GB, 8796093022208"})
    void parses(String text, long bytes) {
        assertEquals(bytes, ByteSizeParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "10 MB", "10mb", "1.5MB", "10KiB", "10B", "MB", "999999999999999GB"})
    void refuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> ByteSizeParser.parse(text));
    }
}
