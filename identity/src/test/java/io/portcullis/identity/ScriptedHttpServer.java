package io.portcullis.identity;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real loopback HTTP server that answers every request with one scripted response: for key
 * endpoints that misbehave in ways a real issuer should not.
 */
final class ScriptedHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Response response = new Response(404, "text/plain", "", null, false);

    /** One scripted answer; {@code chunked} omits Content-Length. */
    record Response(int status, String contentType, String body, String location, boolean chunked) {
    }

    ScriptedHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.incrementAndGet();
                Response r = response;
                byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", r.contentType());
                if (r.location() != null) {
                    exchange.getResponseHeaders().set("Location", r.location());
                }
                exchange.sendResponseHeaders(r.status(), r.chunked() ? 0 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                } catch (IOException clientWentAway) {
                    // The client may hang up once it has seen enough, which is what some tests expect.
                }
            }
        });
        server.start();
    }

    void respond(Response scripted) {
        this.response = scripted;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
