package io.portcullis.proxy.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.proxy.warmup.LoopbackHttpClient.Leaving;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoopbackHttpClientTest {

    @ParameterizedTest
    @CsvSource({"1, READ_THEN_CLOSE", "2, HALF_CLOSE", "3, DROP", "4, READ_THEN_CLOSE", "5, HALF_CLOSE", "6, DROP"})
    void connectionsLeaveEachWayInTurn(long connection, Leaving leaving) {
        assertEquals(leaving, LoopbackHttpClient.leaving(connection));
    }

    @Test
    void theLastRequestOfEachConnectionEndsAsItsTurnSays() throws Exception {
        try (EofRecordingServer server = EofRecordingServer.start();
             LoopbackHttpClient client = new LoopbackHttpClient(server.port(), 1)) {
            assertEquals(200, client.get("x", "/1", "Bearer t"), "read, then closed");
            assertEquals(200, client.get("x", "/2", "Bearer t"), "half-closed, and still read its answer");
            assertEquals(LoopbackHttpClient.NOT_READ, client.get("x", "/3", "Bearer t"), "dropped unread");
            assertEquals(List.of(false, true, true), server.endOfInputBeforeAnswer(3),
                    "only the half-closing and the dropping clients ended their input before the answer");
        }
    }

    /**
     * Accepts one connection at a time, reads one request head, then notes whether the client's input
     * ended before the answer (waiting a little for it), answers 200 and waits for the client to go.
     */
    private static final class EofRecordingServer implements AutoCloseable {

        private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .getBytes(StandardCharsets.ISO_8859_1);

        private final ServerSocket listener;
        private final List<Boolean> seen = new CopyOnWriteArrayList<>();

        private EofRecordingServer(ServerSocket listener) {
            this.listener = listener;
        }

        static EofRecordingServer start() throws IOException {
            EofRecordingServer server = new EofRecordingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread t = new Thread(server::serve, "eof-recording-server");
            t.setDaemon(true);
            t.start();
            return server;
        }

        int port() {
            return listener.getLocalPort();
        }

        List<Boolean> endOfInputBeforeAnswer(int connections) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.size() < connections && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return List.copyOf(seen);
        }

        private void serve() {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    for (String h = HttpLine.read(in); h != null && !h.isEmpty(); h = HttpLine.read(in)) {
                        // the request head; the client sends no body
                    }
                    s.setSoTimeout(300);
                    boolean ended;
                    try {
                        ended = in.read() < 0;
                    } catch (SocketTimeoutException stillOpen) {
                        ended = false;
                    }
                    seen.add(ended);
                    try {
                        s.getOutputStream().write(ANSWER);
                        s.getOutputStream().flush();
                        s.setSoTimeout(5_000);
                        in.read(); // until the client goes (or the dropped connection's reset)
                    } catch (IOException gone) {
                        // the dropping client is gone already
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
