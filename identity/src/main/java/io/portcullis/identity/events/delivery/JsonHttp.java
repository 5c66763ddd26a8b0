package io.portcullis.identity.events.delivery;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.identity.jwks.BoundedJsonBodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * JSON over the JDK's asynchronous HTTP client, for a transmitter's management and poll APIs: every
 * request has a timeout, every response body a size limit, and nothing blocks a thread.
 */
final class JsonHttp {

    static final int MAX_BODY_BYTES = 1024 * 1024;

    /** A response: its status and its JSON object (empty when there was no body). */
    record Response(int status, Map<String, Object> json) {
    }

    private final HttpClient http;
    private final Duration timeout;

    JsonHttp(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * @param bearer an access token, or null
     * @param body   a JSON object to send, or null for none
     */
    CompletableFuture<Response> send(String method, URI uri, String bearer, Map<String, Object> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body), StandardCharsets.UTF_8));
        return http.sendAsync(request.build(), BoundedJsonBodyHandler.anyStatus(MAX_BODY_BYTES))
                .thenApply(JsonHttp::parse);
    }

    private static Response parse(HttpResponse<byte[]> response) {
        byte[] bytes = response.body();
        if (bytes.length == 0) {
            return new Response(response.statusCode(), Map.of());
        }
        try {
            return new Response(response.statusCode(), JSONObjectUtils.parse(new String(bytes, StandardCharsets.UTF_8)));
        } catch (ParseException | RuntimeException e) {
            // An error page in HTML, say: the status still tells the caller what happened.
            if (response.statusCode() / 100 != 2) {
                return new Response(response.statusCode(), Map.of());
            }
            throw new SsfException("not-json");
        }
    }
}
