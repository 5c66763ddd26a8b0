package io.portcullis.identity.events.delivery;

import io.portcullis.config.TransmitterConfig;
import io.portcullis.identity.events.EventType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A client of one transmitter's SSF metadata and stream management API (SSF 1.0 §7, §8.1): discovery,
 * stream creation, reading, status and verification, each authorized by a client-credentials token
 * (renewed once when the API answers 401).
 */
public final class StreamClient {

    private final TransmitterConfig config;
    private final JsonHttp http;
    private final AccessTokens tokens;

    /** @param tokens null when the transmitter has no client (discovery only) */
    public StreamClient(TransmitterConfig config, java.net.http.HttpClient http, java.time.Duration timeout,
            AccessTokens tokens) {
        this.config = config;
        this.http = new JsonHttp(http, timeout);
        this.tokens = tokens;
    }

    /**
     * The transmitter's metadata: from {@code metadata_url} when configured, else from the SSF 1.0
     * location, then the appended one when the first answers 404.
     */
    public CompletableFuture<SsfMetadata> discover() {
        List<URI> candidates = config.metadataUrl() != null
                ? List.of(config.metadataUrl()) : SsfMetadata.candidateUrls(config.issuer());
        return discover(candidates, 0);
    }

    private CompletableFuture<SsfMetadata> discover(List<URI> candidates, int index) {
        return http.send("GET", candidates.get(index), null, null).thenCompose(response -> {
            if (response.status() == 404 && index + 1 < candidates.size()) {
                return discover(candidates, index + 1);
            }
            if (response.status() != 200) {
                throw new SsfException("metadata-http-" + response.status());
            }
            return CompletableFuture.completedFuture(SsfMetadata.parse(response.json(), config.issuer()));
        });
    }

    /**
     * Creates the stream: push to {@code push_url} with {@code Authorization: Bearer <push secret>}, or
     * poll; asking for the configured events.
     */
    public CompletableFuture<StreamConfig> create(SsfMetadata metadata) {
        Map<String, Object> delivery = new LinkedHashMap<>();
        if (config.delivery() == TransmitterConfig.Delivery.PUSH) {
            if (config.pushUrl() == null) {
                return CompletableFuture.failedFuture(new SsfException("push-url-missing"));
            }
            delivery.put("method", StreamConfig.PUSH);
            delivery.put("endpoint_url", config.pushUrl().toString());
            delivery.put("authorization_header", "Bearer " + config.pushAuthorization().value());
        } else {
            delivery.put("method", StreamConfig.POLL);
        }
        List<String> events = new ArrayList<>();
        for (String name : config.events()) {
            events.add(EventType.ofShortName(name).uri());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delivery", delivery);
        body.put("events_requested", events);
        body.put("description", "Portcullis (" + config.id() + ")");
        return call("POST", metadata.configurationEndpoint(), body, 201, StreamConfig::parse);
    }

    /** The stream's configuration. */
    public CompletableFuture<StreamConfig> get(SsfMetadata metadata, String streamId) {
        return call("GET", withStreamId(metadata.configurationEndpoint(), streamId), null, 200, StreamConfig::parse);
    }

    /** The stream's status: {@code enabled}, {@code paused} or {@code disabled}. */
    public CompletableFuture<String> status(SsfMetadata metadata, String streamId) {
        return call("GET", withStreamId(metadata.statusEndpoint(), streamId), null, 200, json -> {
            if (json.get("status") instanceof String status) {
                return status;
            }
            throw new SsfException("status-invalid");
        });
    }

    /**
     * Asks for a verification event carrying {@code state}; it arrives by the stream's delivery as a SET
     * and becomes a {@code Verified} action.
     */
    public CompletableFuture<Void> verify(SsfMetadata metadata, String streamId, String state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stream_id", streamId);
        body.put("state", state);
        return call("POST", metadata.verificationEndpoint(), body, 204, json -> null);
    }

    private <T> CompletableFuture<T> call(String method, URI uri, Map<String, Object> body, int expected,
            Function<Map<String, Object>, T> parse) {
        if (uri == null) {
            return CompletableFuture.failedFuture(new SsfException("endpoint-not-offered"));
        }
        if (tokens == null) {
            return CompletableFuture.failedFuture(new SsfException("no-client"));
        }
        return attempt(method, uri, body).thenCompose(response -> {
            if (response.status() != 401) {
                return CompletableFuture.completedFuture(response);
            }
            tokens.invalidate();
            return attempt(method, uri, body);
        }).thenApply(response -> {
            // 200 is as good as 201 or 204 for a create or verify: transmitters differ.
            if (response.status() != expected && response.status() != 200) {
                throw new SsfException("http-" + response.status());
            }
            return parse.apply(response.json());
        });
    }

    private CompletableFuture<JsonHttp.Response> attempt(String method, URI uri, Map<String, Object> body) {
        return tokens.token().thenCompose(token -> http.send(method, uri, token, body));
    }

    private static URI withStreamId(URI endpoint, String streamId) {
        if (endpoint == null) {
            return null;
        }
        String separator = endpoint.getRawQuery() == null ? "?" : "&";
        return URI.create(endpoint + separator + "stream_id=" + URLEncoder.encode(streamId, StandardCharsets.UTF_8));
    }
}
