package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.identity.oidc.Session;
import io.portcullis.identity.oidc.SessionCodec;
import io.portcullis.proxy.RawHttp;
import io.portcullis.fixtures.WebSocketEchoUpstream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A browser session opening a WebSocket: when the handshake refreshed the session, the 101 carries
 * the new session cookie (there is no later response to carry it), and the relay works as usual.
 */
class SsoWebSocketTest {

    private final WebSocketEchoUpstream backend = start();
    private final SsoProxy fx = new SsoProxy("""
              - id: chat
                match: { path_prefix: /ws }
                upstream: %s
                policy: signed-in
                login: true
                websocket: true
            """.formatted(backend.url()));
    private final Browser browser = fx.browser();

    private static WebSocketEchoUpstream start() {
        try {
            return new WebSocketEchoUpstream();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        fx.close();
        backend.close();
    }

    private RawHttp.Response handshake(RawHttp client) throws Exception {
        String cookies = browser.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        client.send("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + fx.port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Cookie: " + cookies + "\r\n\r\n");
        return client.readHead();
    }

    private static List<String> setCookies(RawHttp.Response response) {
        return response.headers().stream().filter(h -> h.getKey().equals("set-cookie")).map(Map.Entry::getValue).toList();
    }

    /** Sends one masked text frame (as a client must) and reads the one unmasked text frame back. */
    private static String echo(RawHttp client, String text) throws Exception {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x1f, 0x2e, 0x3d, 0x4c};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        client.send(frame.toByteArray());
        byte[] head = client.readBytes(2);
        assertEquals(0x81, head[0] & 0xff, "one final text frame");
        return new String(client.readBytes(head[1] & 0x7f), StandardCharsets.UTF_8);
    }

    @Test
    void aHandshakeThatRefreshedTheSessionGetsTheNewCookieOnThe101() throws Exception {
        fx.nextLogin("alice", Map.of(), 20);
        fx.completeLogin(browser, browser.get("/app"));
        String original = browser.cookies.get("_portcullis");
        Session before = new SessionCodec(fx.keys(), Clock.systemUTC()).decode(original);

        try (RawHttp client = new RawHttp(fx.port)) {
            RawHttp.Response switched = handshake(client);

            assertEquals(101, switched.status());
            List<String> set = setCookies(switched);
            assertEquals(1, set.size(), set.toString());
            String value = set.get(0).substring("_portcullis=".length(), set.get(0).indexOf(';'));
            assertTrue(set.get(0).startsWith("_portcullis=") && set.get(0).contains("HttpOnly"), set.get(0));
            assertNotEquals(original, value, "a refreshed session is a new cookie");
            Session after = new SessionCodec(fx.keys(), Clock.systemUTC()).decode(value);
            assertNotNull(after, "the new cookie is a session of ours");
            assertEquals(before.id(), after.id());
            assertEquals("alice", after.subject());
            assertNotEquals(before.idToken(), after.idToken(), "the refresh's ID token is kept");
            assertEquals("echo: hello", echo(client, "hello"), "the relay runs after the 101");
        }
        HttpHeaders upstreamSaw = backend.handshakes.poll(5, TimeUnit.SECONDS);
        assertNotNull(upstreamSaw);
        assertFalse(String.valueOf(upstreamSaw.get("Cookie")).contains("_portcullis"), "our cookie never goes upstream");
        assertFalse(upstreamSaw.contains("Set-Cookie"));
    }

    @Test
    void aHandshakeWithAFreshSessionSetsNoCookie() throws Exception {
        fx.login(browser, "/app", "alice", Map.of());

        try (RawHttp client = new RawHttp(fx.port)) {
            RawHttp.Response switched = handshake(client);

            assertEquals(101, switched.status());
            assertEquals(List.of(), setCookies(switched), "nothing changed, so nothing is set");
            assertEquals("echo: again", echo(client, "again"));
        }
    }
}
