package io.portcullis.proxy.attacks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An upstream that keeps the exact bytes of the one request it receives (head, chunked body and
 * trailers), for checks that a decoded echo cannot make, such as what went out in a trailer section.
 */
public final class RawUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final CompletableFuture<String> received = new CompletableFuture<>();

    public RawUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serveOne, "raw-upstream");
        t.setDaemon(true);
        t.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The raw request, once it was read to the end of its chunked body (bounded wait). */
    public String request() throws Exception {
        return received.get(10, TimeUnit.SECONDS);
    }

    private void serveOne() {
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            // a chunked request ends with the last chunk, any trailers, and an empty line
            while (!endsChunked(bytes.toString(StandardCharsets.ISO_8859_1))) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                bytes.write(b);
            }
            received.complete(bytes.toString(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            received.completeExceptionally(e);
        }
    }

    private static boolean endsChunked(String s) {
        int body = s.indexOf("\r\n\r\n");
        if (body < 0) {
            return false;
        }
        int last = s.indexOf("\r\n0\r\n", body);
        return last >= 0 && s.endsWith("\r\n\r\n") && s.length() > last + 5;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
