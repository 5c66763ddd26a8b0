package io.portcullis.proxy.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's blocking upstream and client together: keep-alive answers, a body skipped, a
 * {@code Connection: close} honoured, and the client's reconnect every N requests.
 */
class LoopbackUpstreamTest {

    @Test
    void answersEveryRequestOnAKeepAliveConnectionSkippingBodiesAndClosesWhenAsked() throws Exception {
        try (LoopbackUpstream upstream = LoopbackUpstream.start();
             Socket s = new Socket("127.0.0.1", URI.create(upstream.url()).getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answers = readToEnd(s.getInputStream());
            assertEquals(3, answers.split("HTTP/1.1 200 OK", -1).length - 1, answers);
            assertTrue(answers.endsWith("ok\n"), "the last answer whole, then the close: " + answers);
            assertEquals(1, upstream.accepted());
        }
    }

    @Test
    void theClientLeavesAndComesBackEveryNRequests() throws Exception {
        try (LoopbackUpstream upstream = LoopbackUpstream.start();
             LoopbackHttpClient client = new LoopbackHttpClient(URI.create(upstream.url()).getPort(), 2)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, client.get("x", "/" + i, "Bearer t"));
            }
            assertEquals(3, upstream.accepted(), "two requests per connection: 2 + 2 + 1");
        }
    }

    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
