package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"127.0.0.1:8080, 127.0.0.1, 8080", "0.0.0.0:0, 0.0.0.0, 0", "[::1]:9901, ::1, 9901",
            "[::]:65535, ::, 65535", "localhost:80, localhost, 80", "proxy.internal:443, proxy.internal, 443"})
    void parses(String text, String host, int port) {
        assertEquals(new HostPort(host, port), HostPortParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", ":8080", "127.0.0.1:65536", "::1:8080", "[::1]", "[zz]:80", "300.0.0.1:80",
            "host:-1", "http://h:80", "a b:80", "[::1]:"})
    void refuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> HostPortParser.parse(text));
    }
}
