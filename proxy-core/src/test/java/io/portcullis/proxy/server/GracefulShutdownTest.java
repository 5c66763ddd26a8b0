package io.portcullis.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping drains (in-flight exchanges finish, idle connections close, nothing new is accepted, and
 * the grace period bounds the wait); a reload never drops a request in flight.
 */
class GracefulShutdownTest {

    @Test
    void inFlightRequestsFinishAndNewConnectionsAreRefused() throws Exception {
        try (ProxyFixture fx = new ProxyFixture("shutdown_grace: 10s\n" + ProxyFixture.EXAMPLE);
             RawHttp busy = fx.client();
             RawHttp idle = fx.client()) {
            assertEquals(200, idle.get("/public/warm").status());
            // Long enough for the close to reach the connection first however loaded the machine, well
            // inside the grace period.
            fx.upstream.responseDelay(Duration.ofSeconds(3));
            busy.send("GET /public/slow HTTP/1.1\r\nHost: app.test\r\n\r\n");
            assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)), "the request is in flight upstream");

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(fx.portcullis::close);

            RawHttp.Response r = busy.read();
            assertEquals(200, r.status(), "the exchange in flight completes");
            assertEquals("close", r.header("connection"), "and tells the client the connection ends");
            assertTrue(busy.closedByServer());
            assertTrue(idle.closedByServer(), "an idle keep-alive connection is closed at once");
            stopped.get(10, TimeUnit.SECONDS);
            int port = fx.port();
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(), "no longer accepting");
        }
    }

    @Test
    void theGracePeriodBoundsTheWait() throws Exception {
        try (ProxyFixture fx = new ProxyFixture("shutdown_grace: 300ms\n" + ProxyFixture.EXAMPLE);
             RawHttp busy = fx.client()) {
            fx.upstream.responseDelay(Duration.ofSeconds(30));
            busy.send("GET /public/stuck HTTP/1.1\r\nHost: app.test\r\n\r\n");
            assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)));
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(fx.portcullis::close);
            stopped.get(10, TimeUnit.SECONDS);
            assertTrue(busy.closedByServer(), "past the grace period the connection is closed");
            assertTrue(fx.portcullis.metrics().scrape().contains("kind=\"shutdown\""));
        }
    }

    @Test
    void aReloadNeverDropsARequestInFlight() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.EXAMPLE); RawHttp c = fx.client()) {
            fx.upstream.responseDelay(Duration.ofMillis(500));
            c.send("GET /public/during-reload HTTP/1.1\r\nHost: app.test\r\n\r\n");
            assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)));
            // the new config removes the route the request is using
            fx.writeConfig(ProxyFixture.EXAMPLE.replace("path_prefix: /public", "path_prefix: /elsewhere"));
            assertTrue(fx.portcullis.reload());
            assertEquals(200, c.read().status(), "the request finishes under the config it started with");
            fx.upstream.responseDelay(Duration.ZERO);
            assertEquals(404, c.get("/public/after").status(), "the next request sees the new config");
            assertFalse(fx.upstream.requests().stream().anyMatch(r -> r.uri().equals("/public/after")));
        }
    }
}
