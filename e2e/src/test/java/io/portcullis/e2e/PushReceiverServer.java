package io.portcullis.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portcullis.identity.events.delivery.PushEndpoint;
import io.portcullis.identity.events.delivery.PushRequest;
import io.portcullis.identity.events.delivery.PushResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback HTTP server in front of the identity module's RFC 8935 {@link PushEndpoint}, standing in for
 * the proxy's {@code /.portcullis/ssf/push/<id>} until that path is wired: what a transmitter POSTs reaches
 * the same receiver code, and every answer is kept so a test can see what the transmitter was told.
 */
final class PushReceiverServer implements AutoCloseable {

    static final String PATH = "/ssf/push";

    private final HttpServer server;
    private final AtomicReference<PushEndpoint> endpoint = new AtomicReference<>();
    private final List<Integer> answered = new CopyOnWriteArrayList<>();

    PushReceiverServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Routes pushes to {@code push}; until then they are answered 503 (the transmitter delivers again). */
    void deliverTo(PushEndpoint push) {
        endpoint.set(push);
    }

    /** The status of every push answered so far, oldest first. */
    List<Integer> answered() {
        return List.copyOf(answered);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            PushEndpoint push = endpoint.get();
            if (push == null || !"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, new PushResponse(push == null ? 503 : 405, null, new byte[0], 0, push == null ? "no-receiver" : "method-not-allowed"));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(PushEndpoint.MAX_BODY_BYTES + 1);
            }
            PushResponse response = push.handle(new PushRequest(exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body)).join();
            respond(exchange, response);
        }
    }

    private void respond(HttpExchange exchange, PushResponse response) throws IOException {
        answered.add(response.status());
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
