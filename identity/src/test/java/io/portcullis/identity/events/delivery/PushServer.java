package io.portcullis.identity.events.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the proxy's reserved path {@code /.portcullis/ssf/push/<transmitter>} (to be wired in
 * proxy-core): a loopback JDK server that hands each push to the transmitter's {@link PushEndpoint}, the
 * way the proxy will — the declared length checked first, the body read to one byte past the limit.
 */
final class PushServer implements AutoCloseable {

    static final String PREFIX = "/.portcullis/ssf/push/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<String, PushEndpoint> endpoints = new ConcurrentHashMap<>();

    PushServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url(String transmitter) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PREFIX + transmitter);
    }

    void route(String transmitter, PushEndpoint endpoint) {
        endpoints.put(transmitter, endpoint);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            PushEndpoint endpoint = endpoints.get(exchange.getRequestURI().getPath().substring(PREFIX.length()));
            if (endpoint == null || !exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            PushResponse early = length == null ? null : endpoint.refuseLength(Long.parseLong(length));
            if (early != null) {
                // Discarded unread, so the client sees the answer rather than a reset (the proxy closes instead).
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            }
            PushResponse response = early != null ? early : endpoint.handle(new PushRequest(
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    readAtMost(exchange.getRequestBody(), PushEndpoint.MAX_BODY_BYTES + 1))).join();
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            if (response.retryAfterSeconds() > 0) {
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(response.retryAfterSeconds()));
            }
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
