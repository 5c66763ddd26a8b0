package io.portcullis.proxy.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A keep-alive upstream on raw sockets that keeps exactly what arrived of each request with a chunked
 * body, and whether it arrived whole: "complete" after the last chunk, "eof" when the connection ended
 * first. Each complete request is answered {@code 200 ok}, and the connection stays open for the next.
 */
final class KeepAliveRawUpstream implements AutoCloseable {

    /** One request as received: its bytes, and "complete" or "eof". */
    record Received(String raw, String ending) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<Integer> connections = new CopyOnWriteArrayList<>();
    private final ServerSocket server;

    KeepAliveRawUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "keep-alive-raw-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.add(s.getPort());
                Thread t = new Thread(() -> serve(s), "keep-alive-raw-upstream-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            while (true) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                if (!readHead(in, raw)) {
                    if (raw.size() > 0) {
                        received.add(new Received(raw.toString(StandardCharsets.ISO_8859_1), "eof"));
                    }
                    return;
                }
                if (!readChunkedBody(in, raw)) {
                    received.add(new Received(raw.toString(StandardCharsets.ISO_8859_1), "eof"));
                    return;
                }
                received.add(new Received(raw.toString(StandardCharsets.ISO_8859_1), "complete"));
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }
        } catch (IOException e) {
            // the proxy reset the connection: what arrived is recorded
        }
    }

    private static boolean readHead(InputStream in, ByteArrayOutputStream raw) throws IOException {
        while (!raw.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            raw.write(b);
        }
        return true;
    }

    /** Reads chunks to the last one and the empty line after it; false at EOF or on garbage. */
    private static boolean readChunkedBody(InputStream in, ByteArrayOutputStream raw) throws IOException {
        while (true) {
            String sizeLine = line(in, raw);
            if (sizeLine == null) {
                return false;
            }
            int size;
            try {
                size = Integer.parseInt(sizeLine.trim(), 16);
            } catch (NumberFormatException e) {
                return false;
            }
            if (size == 0) {
                String end = line(in, raw);
                return end != null && end.isEmpty();
            }
            byte[] data = in.readNBytes(size + 2);
            raw.write(data);
            if (data.length < size + 2) {
                return false;
            }
        }
    }

    private static String line(InputStream in, ByteArrayOutputStream raw) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            raw.write(b);
            if (b == '\n') {
                return sb.toString().replace("\r", "");
            }
            sb.append((char) b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
