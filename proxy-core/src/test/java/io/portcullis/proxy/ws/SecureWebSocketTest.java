package io.portcullis.proxy.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.fixtures.RecordingListener;
import io.portcullis.fixtures.WebSocketEchoUpstream;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.tls.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket over TLS (wss): the relay sits behind the TLS handler, and the backend is told https. */
class SecureWebSocketTest {

    @Test
    void wssIsRelayedBehindTls(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create("WSS CA");
        pki.server().write(dir, "server");
        try (WebSocketEchoUpstream backend = new WebSocketEchoUpstream();
             ProxyFixture fx = new ProxyFixture("tls: { cert_file: " + dir.resolve("server.crt") + ", key_file: "
                     + dir.resolve("server.key") + " }\n" + ProxyFixture.EXAMPLE.replace("""
                       - id: public
                     """, """
                       - id: chat
                         match: { path_prefix: /ws }
                         upstream: %s
                         policy: public
                         websocket: true
                       - id: public
                     """.formatted(backend.url())))) {
            RecordingListener l = new RecordingListener();
            WebSocket ws = HttpClient.newBuilder().sslContext(pki.clientContext(null)).build().newWebSocketBuilder()
                    .buildAsync(URI.create("wss://localhost:" + fx.port() + "/ws"), l).get(10, TimeUnit.SECONDS);
            ws.sendText("over tls", true).get(5, TimeUnit.SECONDS);
            assertEquals("echo: over tls", l.texts.poll(10, TimeUnit.SECONDS));
            HttpHeaders seen = backend.handshakes.poll(5, TimeUnit.SECONDS);
            assertEquals("https", seen.get("X-Forwarded-Proto"));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
            assertNotNull(backend.closed.poll(10, TimeUnit.SECONDS));
        }
    }
}
