package io.portcullis.identity.oidc;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a request the Nimbus OAuth SDK built over the JDK's asynchronous HTTP client and hands the
 * answer back as a Nimbus response for its parsers: the SDK knows the protocol, the JDK client never
 * blocks a thread while waiting.
 */
public final class NimbusHttp {

    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;

    public NimbusHttp(HttpClient http) {
        this.http = http;
    }

    public CompletableFuture<HTTPResponse> send(HTTPRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getURI()).timeout(TIMEOUT);
        for (Map.Entry<String, List<String>> header : request.getHeaderMap().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        String body = request.getBody();
        builder.method(request.getMethod().name(), body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(NimbusHttp::toNimbus);
    }

    /** A GET of a JSON document; fails on any status but 200. */
    CompletableFuture<String> getJson(java.net.URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new OidcException("http-" + response.statusCode());
            }
            return bounded(response.body());
        });
    }

    private static HTTPResponse toNimbus(HttpResponse<byte[]> response) {
        HTTPResponse out = new HTTPResponse(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                out.setHeader(name, values.toArray(new String[0]));
            }
        });
        out.setBody(bounded(response.body()));
        return out;
    }

    private static String bounded(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new OidcException("response-too-large");
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
