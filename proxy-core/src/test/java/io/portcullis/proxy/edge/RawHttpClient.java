package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes raw bytes to a server and reads its answer up to the server closing the connection. */
final class RawHttpClient {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    /** A deadline for a hung server, not a performance bound. */
    private static final int READ_DEADLINE_MILLIS = 20_000;

    private RawHttpClient() {
    }

    /**
     * Sends {@code raw} in one write and returns everything read until end of stream.
     *
     * @param halfClose shut our output after writing, as a client that has nothing more to send; leave
     *                  it false to prove that the server closes by itself
     */
    static String exchange(int port, String raw, boolean halfClose) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(READ_DEADLINE_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            try {
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketTimeoutException e) {
                return fail("the server did not close the connection");
            }
        }
    }

    /** The status codes of the responses in {@code text}, in order. */
    static List<Integer> statuses(String text) {
        List<Integer> codes = new ArrayList<>();
        Matcher matcher = STATUS_LINE.matcher(text);
        while (matcher.find()) {
            codes.add(Integer.parseInt(matcher.group(1)));
        }
        return codes;
    }
}
