package io.portcullis.identity.events;

import java.time.Instant;
import java.util.List;

/**
 * A verified SET (RFC 8417): signed by its transmitter's key, for us, fresh, and seen for the first time.
 *
 * @param transmitter the configured transmitter's id
 * @param jti         the SET's unique id
 * @param issuer      its {@code iss}: the transmitter's issuer
 * @param issuedAt    its {@code iat}
 * @param txn         its {@code txn} (a transaction shared by several SETs), or null
 * @param events      its events, at least one
 */
public record SecurityEventToken(String transmitter, String jti, String issuer, Instant issuedAt, String txn,
        List<SecurityEvent> events) {

    public SecurityEventToken {
        events = List.copyOf(events);
    }
}
