package io.portcullis.identity.events.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stream as the transmitter describes it (SSF 1.0 §8.1.1), the members a receiver uses.
 *
 * @param deliveryMethod {@code urn:ietf:rfc:8935} (push) or {@code urn:ietf:rfc:8936} (poll)
 * @param endpointUrl    push: our endpoint; poll: the transmitter's poll endpoint
 */
public record StreamConfig(String streamId, String deliveryMethod, URI endpointUrl, List<String> eventsDelivered) {

    public static final String PUSH = "urn:ietf:rfc:8935";
    public static final String POLL = "urn:ietf:rfc:8936";

    public StreamConfig {
        eventsDelivered = List.copyOf(eventsDelivered);
    }

    static StreamConfig parse(Map<String, Object> json) {
        if (!(json.get("stream_id") instanceof String id) || id.isEmpty()
                || !(json.get("delivery") instanceof Map<?, ?> delivery)
                || !(delivery.get("method") instanceof String method)) {
            throw new SsfException("stream-invalid");
        }
        URI endpoint = null;
        if (delivery.get("endpoint_url") instanceof String url) {
            try {
                endpoint = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new SsfException("stream-invalid");
            }
        }
        List<String> delivered = new ArrayList<>();
        if (json.get("events_delivered") instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(delivered::add);
        }
        return new StreamConfig(id, method, endpoint, delivered);
    }
}
