package io.portcullis.config;

import io.portcullis.config.TransmitterConfig.Delivery;
import io.portcullis.config.yaml.Node;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Binds one entry of {@code security_events.transmitters}. Push needs the secret the transmitter
 * presents; poll needs client credentials (the poll endpoint is an OAuth-protected API).
 */
final class TransmitterBinder {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final Duration MAX_AGE_LIMIT = Duration.ofDays(7);

    private TransmitterBinder() {
    }

    /** The transmitter, or null when it has a problem (already recorded). */
    static TransmitterConfig bind(Node node, String path, Map<String, String> env, Problems problems) {
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        String id = r.required("id", Ids.issuerId());
        URI issuer = r.required("issuer", Values.parsed(HttpUrls::parse));
        URI metadataUrl = r.optional("metadata_url", Values.parsed(HttpUrls::parse), null);
        URI jwksUri = r.optional("jwks_uri", Values.parsed(HttpUrls::parse), null);
        List<String> audiences = r.required("audiences", Values.nonEmptyListOf(Values.string()));
        List<String> algorithms = r.optional("algorithms", Values.nonEmptyListOf(Values.parsed(Algorithms::check)),
                List.of("RS256"));
        Duration skew = r.optional("clock_skew", Values.duration(Duration.ZERO, MAX_CLOCK_SKEW), Duration.ofSeconds(30));
        Duration maxAge = r.optional("max_age", Values.duration(Duration.ofMinutes(1), MAX_AGE_LIMIT),
                Duration.ofHours(1));
        Delivery delivery = r.required("delivery", Values.parsed(TransmitterBinder::delivery));
        ClientSecret pushAuthorization = FileValues.secretFromFileOrEnv(r, "push_authorization", env, problems);
        URI pushUrl = r.optional("push_url", Values.parsed(HttpUrls::parse), null);
        Duration pollInterval = r.optional("poll_interval", Values.duration(Duration.ofSeconds(1), Duration.ofHours(1)),
                Duration.ofSeconds(10));
        long pollMaxEvents = r.optional("poll_max_events", Values.integer(1, 1000), 100L);
        String streamId = r.optional("stream_id", Values.string(), null);
        StreamClientConfig client = r.optional("client", (n, p, pr) -> client(n, p, env, pr), null);
        List<String> events = r.optional("events", Values.nonEmptyListOf(Values.parsed(TransmitterBinder::eventName)),
                TransmitterConfig.DEFAULT_EVENTS);
        checkDelivery(r, delivery, pushAuthorization, client, problems);
        r.finish();
        if (id == null || issuer == null || audiences == null || delivery == null) {
            return null;
        }
        return new TransmitterConfig(id, issuer.toString(), metadataUrl, jwksUri, audiences, algorithms, skew, maxAge,
                delivery, pushAuthorization, pushUrl, pollInterval, (int) pollMaxEvents, streamId, client, events,
                r.position());
    }

    private static void checkDelivery(MapReader r, Delivery delivery, ClientSecret pushAuthorization,
            StreamClientConfig client, Problems problems) {
        if (delivery == Delivery.PUSH && pushAuthorization == null
                && r.node("push_authorization_file").isEmpty() && r.node("push_authorization_env").isEmpty()) {
            problems.add(r.position(), r.path("push_authorization_file"),
                    "delivery: push needs push_authorization_file or push_authorization_env "
                            + "(the secret the transmitter must present)");
        }
        if (delivery == Delivery.PUSH && client != null && r.node("push_url").isEmpty() && r.node("stream_id").isEmpty()) {
            problems.add(r.position(), r.path("push_url"),
                    "is required to create a push stream (or set stream_id to use an existing one)");
        }
        if (delivery == Delivery.POLL) {
            for (String key : List.of("push_authorization_file", "push_authorization_env", "push_url")) {
                r.node(key).ifPresent(n -> problems.add(n.position(), r.path(key), "only for delivery: push"));
            }
            if (client == null && r.node("client").isEmpty()) {
                problems.add(r.position(), r.path("client"),
                        "delivery: poll needs client (the poll endpoint takes an OAuth access token)");
            }
        }
    }

    private static Delivery delivery(String text) {
        return switch (text) {
            case "push" -> Delivery.PUSH;
            case "poll" -> Delivery.POLL;
            default -> throw new IllegalArgumentException("expected push or poll, got '" + text + "'");
        };
    }

    private static String eventName(String name) {
        if (!TransmitterConfig.DEFAULT_EVENTS.contains(name)) {
            throw new IllegalArgumentException("unknown event '" + name + "' (known: "
                    + String.join(", ", TransmitterConfig.DEFAULT_EVENTS) + ")");
        }
        return name;
    }

    /** Client credentials ({@code token_endpoint, client_id, client_secret_file|env, scopes}); also a PDP's. */
    static StreamClientConfig client(Node node, String path, Map<String, String> env, Problems problems) {
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        URI tokenEndpoint = r.required("token_endpoint", Values.parsed(HttpUrls::parse));
        String clientId = r.required("client_id", Values.string());
        ClientSecret secret = FileValues.secretFromFileOrEnv(r, "client_secret", env, problems);
        if (secret == null && r.node("client_secret_file").isEmpty() && r.node("client_secret_env").isEmpty()) {
            problems.add(r.position(), r.path("client_secret_file"), "needs client_secret_file or client_secret_env");
        }
        List<String> scopes = r.optional("scopes", Values.listOf(Values.string()), List.of());
        r.finish();
        if (tokenEndpoint == null || clientId == null || secret == null) {
            return null;
        }
        return new StreamClientConfig(tokenEndpoint, clientId, secret, scopes);
    }
}
