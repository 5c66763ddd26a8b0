package io.portcullis.proxy.warmup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The warm-up listener's upstream: a blocking HTTP/1.1 server on an ephemeral loopback port that answers
 * every request with a small keep-alive 200, as a typical backend does, one daemon thread per connection.
 *
 * <p>Deliberately not Netty: a Netty server in the same JVM would run Netty's channel, read-loop and
 * HTTP-encoder code with its own classes (its transport, its server codec) beside the proxy's, and the
 * JIT would compile that shared code for a mix real traffic never brings, then throw it away under the
 * first real load. Requests are read to their end (a {@code Content-Length} body is skipped; the
 * warm-up sends none) and never kept.
 */
final class LoopbackUpstream implements AutoCloseable {

    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nServer: portcullis-warmup\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 3\r\nConnection: keep-alive\r\n\r\nok\n").getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    private LoopbackUpstream(ServerSocket server) {
        this.server = server;
    }

    /** Listens on an ephemeral loopback port and accepts on a daemon thread. */
    static LoopbackUpstream start() throws IOException {
        LoopbackUpstream upstream = new LoopbackUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(upstream::accept, "warmup-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
        return upstream;
    }

    /** Its base URL, {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                accepted.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "warmup-upstream-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = HttpLine.read(in);
                if (requestLine == null) {
                    return;
                }
                long length = 0;
                boolean close = false;
                for (String h = HttpLine.read(in); h != null && !h.isEmpty(); h = HttpLine.read(in)) {
                    String lower = h.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring(15).trim());
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        close = true;
                    }
                }
                in.skipNBytes(length);
                out.write(ANSWER);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the proxy closed the connection, or sent what a warm-up never sends: either way, done with it
        } finally {
            open.remove(s);
        }
    }

    /** Stops listening and closes every connection it still has open. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a loopback listener: nothing to do about it
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (SocketException ignored) {
                // already closed by its thread
            } catch (IOException ignored) {
                // nothing to do: the warm-up is over
            }
        }
    }
}
