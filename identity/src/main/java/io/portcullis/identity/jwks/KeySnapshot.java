package io.portcullis.identity.jwks;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.List;

/**
 * The usable public signing keys of one issuer as of one successful fetch.
 *
 * @param loaded false only for {@link #NONE}: keys were never fetched successfully
 */
public record KeySnapshot(List<JWK> keys, Instant fetchedAt, boolean loaded) {

    /** No keys have ever been loaded. */
    public static final KeySnapshot NONE = new KeySnapshot(List.of(), null, false);

    public KeySnapshot {
        keys = List.copyOf(keys);
    }
}
