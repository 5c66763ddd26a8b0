package io.portcullis.proxy.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.fixtures.RecordingListener;
import io.portcullis.fixtures.WebSocketEchoUpstream;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WebSocket through the real proxy: the handshake is authorized like any request (no token → 401,
 * never a 101), then bytes are relayed both ways; either side closing closes the other; the token's
 * expiry closes it when the route asks; routes without websocket strip Upgrade.
 */
class WebSocketTest {

    static WebSocketEchoUpstream backend;
    static ProxyFixture fx;

    @BeforeAll
    static void start() throws Exception {
        backend = new WebSocketEchoUpstream();
        fx = new ProxyFixture(ProxyFixture.EXAMPLE.replace("""
                  - id: public
                """, """
                  - id: chat
                    match: { path_prefix: /ws }
                    upstream: %s
                    policy: signed-in
                    websocket: true
                    websocket_token_expiry: true
                    identity_headers: { X-Forwarded-User: sub }
                  - id: public
                """.formatted(backend.url())).replace("""
                policies:
                """, """
                policies:
                  signed-in:
                    allow: { authenticated: true }
                """));
    }

    @AfterAll
    static void stop() {
        fx.close();
        backend.close();
    }

    @BeforeEach
    void clear() {
        backend.handshakes.clear();
        backend.closed.clear();
        fx.upstream.clear();
    }

    static String token(Duration validFor) {
        return fx.corp.token().subject("alice").audience("portcullis").expiresIn(validFor)
                .claim("auth_time", Instant.now().getEpochSecond()).sign();
    }


    static WebSocket connect(String token, RecordingListener listener) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.header("X-Forwarded-User", "mallory");
        return b.buildAsync(URI.create("ws://127.0.0.1:" + fx.port() + "/ws"), listener).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAuthorizedHandshakeIsRelayedBothWays() throws Exception {
        RecordingListener l = new RecordingListener();
        WebSocket ws = connect(token(Duration.ofMinutes(5)), l);
        ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo: hello", l.texts.poll(10, TimeUnit.SECONDS));
        ws.sendText("x".repeat(200_000), true).get(5, TimeUnit.SECONDS);
        StringBuilder big = new StringBuilder();
        while (big.length() < 200_006) {
            String part = l.texts.poll(10, TimeUnit.SECONDS);
            assertNotNull(part, "the large echo arrives");
            big.append(part);
        }
        assertEquals("echo: " + "x".repeat(200_000), big.toString());
        HttpHeaders seen = backend.handshakes.poll(5, TimeUnit.SECONDS);
        assertEquals("alice", seen.get("X-Forwarded-User"), "the proxy's identity header, not the client's");
        assertFalse(seen.contains("Authorization"), "the token stays at the proxy");
        assertTrue(fx.awaitDecision("\"status\":101").contains("\"route\":\"chat\""));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertNotNull(backend.closed.poll(10, TimeUnit.SECONDS), "closing the client side closes the backend side");
    }

    @Test
    void withoutATokenTheHandshakeIs401AndNeverReachesTheBackend() throws Exception {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> connect(null, new RecordingListener()));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
        assertEquals(401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        assertNull(backend.handshakes.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void theBackendClosingClosesTheClient() throws Exception {
        RecordingListener l = new RecordingListener();
        connect(token(Duration.ofMinutes(5)), l);
        assertNotNull(backend.handshakes.poll(5, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!backend.anyOpen() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        backend.closeOpen();
        assertNotNull(l.closed.get(10, TimeUnit.SECONDS), "the client learns the connection ended");
    }

    @Test
    void theConnectionClosesWhenTheTokenExpires() throws Exception {
        RecordingListener l = new RecordingListener();
        WebSocket ws = connect(token(Duration.ofSeconds(5)), l); // long enough to open and echo on a loaded machine
        ws.sendText("still here", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo: still here", l.texts.poll(5, TimeUnit.SECONDS));
        assertNotNull(l.closed.get(20, TimeUnit.SECONDS), "closed at the token's exp");
        assertNotNull(backend.closed.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatDropsItsConnectionWithoutACloseFrameClosesTheBackendSide() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("GET /ws HTTP/1.1\r\nHost: app.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + token(Duration.ofMinutes(5)) + "\r\n\r\n");
            assertEquals(101, c.readHead().status());
            assertNotNull(backend.handshakes.poll(5, TimeUnit.SECONDS));
            assertNull(backend.closed.poll(0, TimeUnit.SECONDS), "open while the client is there");
        }

        assertNotNull(backend.closed.poll(5, TimeUnit.SECONDS), "the client's FIN ends the relay, not the backend");
    }

    @Test
    void routesWithoutWebSocketStripUpgrade() throws Exception {
        try (RawHttp c = fx.client()) {
            RawHttp.Response r = c.get("/public/x", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
            assertEquals(200, r.status(), "served as plain HTTP");
        }
        var seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertFalse(seen.hasHeader("Upgrade"));
        assertFalse(seen.hasHeader("Connection"));
    }
}
