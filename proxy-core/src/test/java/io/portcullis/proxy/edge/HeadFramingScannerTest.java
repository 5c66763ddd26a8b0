package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HeadFramingScannerTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    /** Scans the whole string in one piece, then again one byte at a time; both must agree. */
    private static String refusalOf(String head) {
        ByteBuf buf = bytes(head);
        HeadFramingScanner whole = new HeadFramingScanner();
        whole.scan(buf, 0, buf.writerIndex());
        HeadFramingScanner bytewise = new HeadFramingScanner();
        for (int i = 0; i < buf.writerIndex() && bytewise.refusal() == null && !bytewise.headComplete(); i++) {
            assertEquals(i + 1, bytewise.scan(buf, i, i + 1));
        }
        assertEquals(whole.refusal(), bytewise.refusal(), "piecewise scan disagrees");
        assertEquals(whole.headComplete(), bytewise.headComplete(), "piecewise scan disagrees");
        buf.release();
        return whole.refusal();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost:a\r\nX:  spaced\tvalue \r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
    })
    void acceptsWellFramedHeads(String head) {
        assertNull(refusalOf(head));
    }

    static Stream<Arguments> ambiguousHeads() {
        return Stream.of(
                Arguments.of("header-obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n c\r\n\r\n"),
                Arguments.of("header-obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\tc\r\n\r\n"),
                Arguments.of("header-obs-fold", "GET / HTTP/1.1\r\n Host: a\r\n\r\n"),
                Arguments.of("header-space-before-colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n"),
                Arguments.of("header-space-before-colon", "GET / HTTP/1.1\r\nTransfer-Encoding\t: chunked\r\n\r\n"),
                Arguments.of("bare-lf", "GET / HTTP/1.1\nHost: a\r\n\r\n"),
                Arguments.of("bare-lf", "GET / HTTP/1.1\r\nHost: a\n\r\n"),
                Arguments.of("bare-lf", "\nGET / HTTP/1.1\r\n\r\n"),
                Arguments.of("bare-cr", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n"),
                Arguments.of("bare-cr", "GET /a\rb HTTP/1.1\r\n\r\n"),
                Arguments.of("bare-cr", "GET / HTTP/1.1\r\nHost: a\r\r\n\r\n"),
                Arguments.of("request-line-invalid", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("request-line-invalid", "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("request-line-invalid", " GET / HTTP/1.1\r\nHost: a\r\n\r\n"),
                Arguments.of("request-line-invalid", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n"),
                Arguments.of("request-line-invalid", "GET /admin\r\nGET /public HTTP/1.1\r\n\r\n"),
                Arguments.of("request-line-invalid", "GET / a HTTP/1.1\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousHeads")
    void refusesAmbiguousLineFraming(String reason, String head) {
        assertEquals(reason, refusalOf(head));
    }

    /** Values are skipped to their line end; a fault deep inside a long one is still found, in any split. */
    @Test
    void faultsInsideALongValueAreFoundWhereverTheHeadIsSplit() {
        String token = "eyJ" + "a".repeat(900);
        String clean = "GET / HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\nHost: a\r\n\r\n";
        String bareCr = "GET / HTTP/1.1\r\nAuthorization: Bearer " + token + "\rX: 1\r\n\r\n";
        String bareLf = "GET / HTTP/1.1\r\nAuthorization: Bearer " + token.substring(0, 450) + "\n"
                + token.substring(450) + "\r\n\r\n";
        String folded = "GET / HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\n " + token + "\r\n\r\n";
        for (int split = 1; split < clean.length(); split += 37) {
            assertNull(refusalInTwoPieces(clean, split));
            assertEquals("bare-cr", refusalInTwoPieces(bareCr, Math.min(split, bareCr.length() - 1)));
            assertEquals("bare-lf", refusalInTwoPieces(bareLf, Math.min(split, bareLf.length() - 1)));
            assertEquals("header-obs-fold", refusalInTwoPieces(folded, split));
        }
        assertNull(refusalOf(clean));
        assertEquals("bare-cr", refusalOf(bareCr));
        assertEquals("bare-lf", refusalOf(bareLf));
    }

    private static String refusalInTwoPieces(String head, int split) {
        ByteBuf buf = bytes(head);
        HeadFramingScanner scanner = new HeadFramingScanner();
        int stopped = scanner.scan(buf, 0, split);
        if (scanner.refusal() == null && !scanner.headComplete()) {
            assertEquals(split, stopped);
            scanner.scan(buf, split, buf.writerIndex());
        }
        assertTrue(scanner.refusal() != null || scanner.headComplete(), "the scan must reach a verdict");
        buf.release();
        return scanner.refusal();
    }

    @Test
    void stopsAtTheEndOfTheHeadAndNeverReadsTheBody() {
        String head = "POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\n";
        ByteBuf buf = bytes(head + "\n \r x\r\n y");
        HeadFramingScanner scanner = new HeadFramingScanner();

        int stoppedAt = scanner.scan(buf, 0, buf.writerIndex());

        assertEquals(head.length(), stoppedAt);
        assertTrue(scanner.headComplete());
        assertNull(scanner.refusal());
        buf.release();
    }

    @Test
    void resetStartsAFreshHead() {
        ByteBuf buf = bytes("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n");
        HeadFramingScanner scanner = new HeadFramingScanner();
        scanner.scan(buf, 0, buf.writerIndex());
        assertEquals("header-obs-fold", scanner.refusal());

        scanner.reset();

        assertNull(scanner.refusal());
        assertFalse(scanner.headComplete());
        ByteBuf good = bytes("GET / HTTP/1.1\r\n\r\n");
        scanner.scan(good, 0, good.writerIndex());
        assertTrue(scanner.headComplete());
        buf.release();
        good.release();
    }
}
