package io.portcullis.proxy.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.ProxyFixture;
import io.portcullis.fixtures.RecordingListener;
import io.portcullis.fixtures.WebSocketEchoUpstream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live connections through the real proxy, a real WebSocket echo upstream and a real slow streaming
 * upstream: a policy reload that denies a user closes her open WebSocket (1008) and cuts her stream,
 * with a decision line saying why, while another user's stay open; a reload that still allows closes
 * nothing; a WebSocket closes at the expiry of the token it was opened with.
 */
class LiveConnectionsTest {

    static WebSocketEchoUpstream echo;
    static SlowStreamUpstream slow;
    static ProxyFixture fx;

    static String config(String extraDeny) {
        return ProxyFixture.EXAMPLE.replace("""
                  - id: public
                """, """
                  - id: chat
                    match: { path_prefix: /ws }
                    upstream: %s
                    policy: chat-users
                    websocket: true
                  - id: feed
                    match: { path_prefix: /feed }
                    upstream: %s
                    policy: chat-users
                  - id: public
                """.formatted(echo.url(), slow.url())).replace("""
                policies:
                """, """
                policies:
                  chat-users:
                    allow: { authenticated: true }
                %s
                """.formatted(extraDeny));
    }

    static String allowAll() {
        return config("");
    }

    static String denying(String user) {
        return config("    deny: { user: { is: " + user + " } }");
    }

    @BeforeAll
    static void start() throws Exception {
        echo = new WebSocketEchoUpstream();
        slow = new SlowStreamUpstream();
        fx = new ProxyFixture(allowAll());
    }

    @AfterAll
    static void stop() throws IOException {
        fx.close();
        echo.close();
        slow.close();
    }

    @BeforeEach
    void reset() throws Exception {
        fx.writeConfig(allowAll());
        assertTrue(fx.portcullis.reload());
        slow.cut.clear();
        echo.closed.clear();
    }

    static String token(String user, Duration validFor) {
        return fx.corp.token().subject(user).audience("portcullis").expiresIn(validFor)
                .claim("auth_time", Instant.now().getEpochSecond()).sign();
    }


    static WebSocket websocket(String token, RecordingListener l) throws Exception {
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + fx.port() + "/ws"), l).get(30, TimeUnit.SECONDS);
        assertEchoes(ws, l, "hello");
        return ws;
    }

    static void assertEchoes(WebSocket ws, RecordingListener l, String text) throws Exception {
        ws.sendText(text, true).get(5, TimeUnit.SECONDS);
        assertEquals("echo: " + text, l.texts.poll(10, TimeUnit.SECONDS));
    }

    /** A streaming response read on its own thread: each line into {@code lines}, its end into {@code ended}. */
    static final class Stream {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final CompletableFuture<String> ended = new CompletableFuture<>();

        Stream(String token, String path) throws Exception {
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + fx.port() + path)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            Thread t = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                    ended.complete("eof");
                } catch (IOException e) {
                    ended.complete("error");
                }
            });
            t.setDaemon(true);
            t.start();
            assertEquals("data: tick", lines.poll(10, TimeUnit.SECONDS));
        }

        /** Whether a new line arrives after everything read so far. */
        boolean ticking() throws InterruptedException {
            lines.clear();
            return lines.poll(5, TimeUnit.SECONDS) != null;
        }
    }

    /** Waits (bounded) for a decision line written after the {@code mark}-th that holds every part. */
    static String lineAfter(int mark, String... parts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<String> lines = fx.decisionLines();
            for (String line : lines.subList(Math.min(mark, lines.size()), lines.size())) {
                if (Arrays.stream(parts).allMatch(line::contains)) {
                    return line;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no decision line with " + Arrays.toString(parts) + " in " + fx.decisionLines());
    }

    static double counted(String cause, String result) {
        String needle = "portcullis_live_reevaluations_total{cause=\"" + cause + "\",result=\"" + result + "\"} ";
        for (String line : fx.portcullis.metrics().scrape().split("\n")) {
            if (line.startsWith(needle)) {
                return Double.parseDouble(line.substring(needle.length()));
            }
        }
        return 0;
    }

    @Test
    void aReloadThatDeniesAliceClosesHerWebSocketWith1008AndLeavesBobs() throws Exception {
        RecordingListener alice = new RecordingListener();
        RecordingListener bob = new RecordingListener();
        websocket(token("alice", Duration.ofMinutes(5)), alice);
        WebSocket bobs = websocket(token("bob", Duration.ofMinutes(5)), bob);
        double closedBefore = counted("reload", "closed");
        int mark = fx.decisionLines().size();

        fx.writeConfig(denying("alice"));
        assertTrue(fx.portcullis.reload());

        assertEquals(1008, alice.closed.get(10, TimeUnit.SECONDS), "policy violation");
        assertNotNull(echo.closed.poll(10, TimeUnit.SECONDS), "her upstream side is closed too");
        lineAfter(mark, "\"route\":\"chat\"", "\"subject\":\"alice\"", "\"decision\":\"deny\"",
                "\"reasons\":[\"reevaluated-reload\",\"user-unauthorized\",\"websocket-closed-1008\"]", "\"status\":101");
        assertEquals(closedBefore + 1, counted("reload", "closed"));
        assertEchoes(bobs, bob, "still here");
        assertFalse(bob.closed.isDone(), "bob's stays open");
    }

    @Test
    void aReloadThatDeniesAliceCutsHerStreamAndTheLineSaysWhy() throws Exception {
        Stream alice = new Stream(token("alice", Duration.ofMinutes(5)), "/feed/alice");
        Stream bob = new Stream(token("bob", Duration.ofMinutes(5)), "/feed/bob");
        int mark = fx.decisionLines().size();

        fx.writeConfig(denying("alice"));
        assertTrue(fx.portcullis.reload());

        assertNotNull(alice.ended.get(10, TimeUnit.SECONDS), "her response ends");
        assertEquals("/feed/alice", slow.cut.poll(10, TimeUnit.SECONDS), "the upstream's stream was cut");
        lineAfter(mark, "\"path\":\"/feed/alice\"", "\"subject\":\"alice\"", "\"decision\":\"deny\"",
                "\"reasons\":[\"reevaluated-reload\",\"user-unauthorized\",\"response-cut\"]", "\"policy\":\"chat-users\"",
                "\"status\":200");
        assertTrue(bob.ticking(), "bob's stream goes on");
        assertFalse(bob.ended.isDone());
    }

    @Test
    void aReloadThatStillAllowsClosesNothing() throws Exception {
        RecordingListener l = new RecordingListener();
        WebSocket ws = websocket(token("alice", Duration.ofMinutes(5)), l);
        Stream s = new Stream(token("alice", Duration.ofMinutes(5)), "/feed/still");
        double allowedBefore = counted("reload", "allowed");
        double closedBefore = counted("reload", "closed");
        int open = fx.portcullis.live().size(); // these two and any earlier test's still open
        assertTrue(open >= 2, "both registered");

        fx.writeConfig(denying("mallory"));
        assertTrue(fx.portcullis.reload());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counted("reload", "allowed") < allowedBefore + open && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(allowedBefore + open, counted("reload", "allowed"), "each was decided again, and allowed");
        assertEquals(closedBefore, counted("reload", "closed"));
        assertEchoes(ws, l, "after reload");
        assertTrue(s.ticking(), "the stream goes on");
        assertFalse(l.closed.isDone());
        assertFalse(s.ended.isDone());
        assertNull(slow.cut.poll(0, TimeUnit.SECONDS));
    }

    @Test
    void aWebSocketClosesWith1008WhenItsTokenExpires() throws Exception {
        RecordingListener l = new RecordingListener();
        int mark = fx.decisionLines().size();
        websocket(token("alice", Duration.ofSeconds(5)), l); // long enough to open and echo on a loaded machine
        RecordingListener lasting = new RecordingListener();
        WebSocket other = websocket(token("bob", Duration.ofMinutes(5)), lasting);

        assertEquals(1008, l.closed.get(20, TimeUnit.SECONDS), "closed at the token's exp, as a policy violation");
        lineAfter(mark, "\"subject\":\"alice\"", "\"decision\":\"deny\"", "\"reasons\":[\"reevaluated-expiry\"");
        assertEchoes(other, lasting, "not expired");
    }
}
