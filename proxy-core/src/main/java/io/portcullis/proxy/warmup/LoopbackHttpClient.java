package io.portcullis.proxy.warmup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A keep-alive HTTP/1.1 client for the warm-up listener, on one loopback connection at a time (reopened
 * when the server closes it, or after a set number of requests). Unlike the JDK's client it may set {@code Host}, which routes match on. Reads a
 * response by its {@code Content-Length} or chunks, and only to throw it away.
 *
 * <p>Each connection's last request ends in one of the ways real clients leave ({@link Leaving}), in turn.
 */
final class LoopbackHttpClient implements AutoCloseable {

    /** What {@link #get} returns for a request whose client left without reading the answer. */
    static final int NOT_READ = 0;

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final Leaving[] LEAVINGS = Leaving.values();

    /**
     * How a connection's last request ends. The server takes other branches for each and loads classes
     * for the last two that polite clients never make it load (a half-closed connection's second read
     * event, a write to a client that is gone). When only the first had run before ready, the first load
     * generator that stopped with requests in flight made the JIT throw away the compiled read path of
     * the event loop, and compile it again, on the serving core, as the next load came in.
     */
    enum Leaving {
        /** Reads the answer, then closes: most clients. */
        READ_THEN_CLOSE,
        /** Half-closes right after the request, then reads the answer (nc -N, scripts, some old clients). */
        HALF_CLOSE,
        /** Closes without reading the answer: a client that gives up, a load generator that stops. */
        DROP
    }

    private final int port;
    private final int requestsPerConnection;
    private int onConnection;
    private long opened;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /**
     * @param requestsPerConnection after this many requests the client closes its connection (as a client
     *                              that leaves does) and opens a new one for the next: the accept, set-up and
     *                              close paths run too, as real clients make them run
     */
    LoopbackHttpClient(int port, int requestsPerConnection) {
        this.port = port;
        this.requestsPerConnection = requestsPerConnection;
    }

    /**
     * Sends one GET and returns the response's status, or {@link #NOT_READ} when this request was its
     * connection's last and the client {@link Leaving#DROP dropped} it.
     */
    int get(String host, String path, String authorization) throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            opened++;
        }
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: */*\r\nUser-Agent: portcullis-warmup\r\n"
                + "Authorization: " + authorization + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (onConnection + 1 >= requestsPerConnection) {
            Leaving leaving = leaving(opened);
            if (leaving == Leaving.DROP) {
                close();
                return NOT_READ;
            }
            if (leaving == Leaving.HALF_CLOSE) {
                socket.shutdownOutput();
            }
        }
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            close = true;
        }
        if (close || ++onConnection >= requestsPerConnection) {
            close();
        }
        return code;
    }

    /** How the {@code n}th connection (from 1) ends its last request. */
    static Leaving leaving(long n) {
        return LEAVINGS[(int) ((n - 1) % LEAVINGS.length)];
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in a response body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        String line = HttpLine.read(in);
        if (line == null) {
            throw new IOException("the connection closed before a response line");
        }
        return line;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do: the connection was only ours
            }
            socket = null;
        }
        onConnection = 0;
    }
}
