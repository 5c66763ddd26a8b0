package io.portcullis.identity;

import java.time.Instant;
import java.util.Map;

/**
 * A verified identity. {@code claims} are plain JSON values (String, Boolean, Number, List, Map).
 *
 * @param issuerId  the config id of the issuer that signed it
 * @param tokenRef  what logs may show instead of the token: its {@code jti}, or a short hash
 * @param expiresAt token {@code exp}
 */
public record Identity(
        String issuerId,
        String issuer,
        String subject,
        Map<String, Object> claims,
        Instant expiresAt,
        String tokenRef) {

    public Identity {
        claims = Map.copyOf(claims);
    }

    /**
     * The token's binding ({@code cnf.jkt}, {@code cnf.x5t#S256}), read from its claims when asked for:
     * a derived view, so that no constructor or cache entry changes.
     */
    public Confirmation confirmation() {
        return Confirmation.of(claims);
    }
}
