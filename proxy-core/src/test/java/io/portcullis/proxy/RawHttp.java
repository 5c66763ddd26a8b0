package io.portcullis.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP/1.1 client over a raw socket, so tests can send exactly the bytes an
 * attacker would (duplicate headers, odd framing) and see exactly what comes back, including whether
 * the connection was closed.
 */
public final class RawHttp implements AutoCloseable {

    /** A parsed response. Header names are lower-cased. */
    public record Response(int status, List<Map.Entry<String, String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equals(name.toLowerCase(Locale.ROOT))) {
                    return h.getValue();
                }
            }
            return null;
        }

        /** Every value of a header that may repeat (e.g. one WWW-Authenticate field per challenge), in order. */
        public List<String> headers(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return headers.stream().filter(h -> h.getKey().equals(lower)).map(Map.Entry::getValue).toList();
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public RawHttp send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    public RawHttp send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    /** Shuts our side for writing (a FIN): this client has nothing more to send, but still reads. */
    public RawHttp halfClose() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Sends a GET with the given extra header lines (each "Name: value"). */
    public Response get(String path, String... headerLines) throws IOException {
        StringBuilder sb = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: app.test\r\n");
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
        }
        send(sb.append("\r\n").toString());
        return read();
    }

    public Response read() throws IOException {
        return read(false);
    }

    /** Reads the response to a HEAD request: headers only, whatever Content-Length says. */
    public Response readHead() throws IOException {
        return read(true);
    }

    private Response read(boolean headOnly) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String l;
        while ((l = line()) != null && !l.isEmpty()) {
            int c = l.indexOf(':');
            headers.add(Map.entry(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim()));
        }
        Response head = new Response(status, headers, "");
        String body;
        String te = head.header("transfer-encoding");
        String cl = head.header("content-length");
        if (headOnly || status == 100 || status == 204 || status == 304) {
            body = "";
        } else if (te != null && te.equalsIgnoreCase("chunked")) {
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line().trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                bo.write(in.readNBytes(size));
                line();
            }
            body = bo.toString(StandardCharsets.UTF_8);
        } else if (cl != null) {
            body = new String(in.readNBytes(Integer.parseInt(cl)), StandardCharsets.UTF_8);
        } else {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }

    /** Reads exactly {@code n} bytes (what follows a 101, say); fewer only when the server closed first. */
    public byte[] readBytes(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** True when the server closed the connection (EOF within a few seconds). */
    public boolean closedByServer() throws IOException {
        socket.setSoTimeout(3000);
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
