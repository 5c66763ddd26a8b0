package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9001", "https://app.internal", "http://[::1]:8080/base/path",
            "HTTPS://Upstream.example:8443/"})
    void accepts(String text) {
        assertEquals(URI.create(text), HttpUrls.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h", "h:80", "/path", "http://", "http://h/?q=1", "http://h/#f", "http://h:99999",
            "http://h w", "file:///etc/passwd", "http:///nohost"})
    void refuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> HttpUrls.parse(text));
    }

    @Test
    void userInfoIsRefusedWithoutRepeatingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpUrls.parse("https://admin:hunter2@h"));
        assertFalse(e.getMessage().contains("hunter2"));
    }
}
