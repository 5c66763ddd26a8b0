package io.portcullis.identity.events.actions;

/**
 * Which event an action came from, for the decision log and the {@code type} metric label.
 *
 * @param transmitter the configured transmitter's id
 * @param jti         the SET's {@code jti}
 * @param type        the event type's short name, e.g. {@code session-revoked}, or {@code unknown}
 */
public record EventRef(String transmitter, String jti, String type) {
}
