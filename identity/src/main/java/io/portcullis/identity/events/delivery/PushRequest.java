package io.portcullis.identity.events.delivery;

/**
 * One RFC 8935 push as the transport received it: the two headers that matter and the body.
 *
 * @param authorization the {@code Authorization} header, or null
 * @param contentType   the {@code Content-Type} header, or null
 * @param body          the body (the transport stops reading at {@link PushEndpoint#MAX_BODY_BYTES} + 1)
 */
public record PushRequest(String authorization, String contentType, byte[] body) {
}
