package io.portcullis.proxy.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lines of a head as the warm-up's client and upstream read them: ends, the stream's end, the bound. */
class HttpLineTest {

    private static InputStream of(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsLinesEndedByCrlfOrLfThenNullAtTheEnd() throws IOException {
        InputStream in = of("GET / HTTP/1.1\r\nHost: x\n\r\n");
        assertEquals("GET / HTTP/1.1", HttpLine.read(in));
        assertEquals("Host: x", HttpLine.read(in));
        assertEquals("", HttpLine.read(in), "the empty line that ends a head");
        assertNull(HttpLine.read(in), "the stream ended between lines");
    }

    @Test
    void refusesALineCutByTheStreamsEndOrLongerThanTheBound() {
        assertThrows(IOException.class, () -> HttpLine.read(of("HTTP/1.1 200")));
        assertThrows(IOException.class, () -> HttpLine.read(of("x".repeat(HttpLine.MAX + 1) + "\n")));
    }
}
