package io.portcullis.proxy.warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one line of an HTTP/1.1 head from a blocking stream, for the warm-up's own loopback client and
 * upstream, which only ever talk to each other through the warm-up listener: small heads, ISO-8859-1.
 */
final class HttpLine {

    /** A warm-up's request or response head is small; a longer line is not from the warm-up. */
    static final int MAX = 16 * 1024;

    private HttpLine() {
    }

    /**
     * The next line without its line end (LF, or CRLF), or null when the stream ended before it began.
     *
     * @throws IOException the stream ended inside the line, or the line is longer than {@value #MAX}
     */
    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new IOException("the connection closed inside a line");
            }
            if (line.size() >= MAX) {
                throw new IOException("line too long");
            }
            line.write(c);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
