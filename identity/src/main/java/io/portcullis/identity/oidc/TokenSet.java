package io.portcullis.identity.oidc;

import com.nimbusds.jwt.JWT;
import java.time.Instant;

/**
 * What a token endpoint answered.
 *
 * @param idToken          the ID token, not yet validated (null when a refresh returned none)
 * @param refreshToken     the refresh token (null when none was issued)
 * @param accessExpiresAt  when the access token expires
 */
public record TokenSet(JWT idToken, String refreshToken, Instant accessExpiresAt) {

    @Override
    public String toString() {
        return "TokenSet[accessExpiresAt=" + accessExpiresAt + "]";
    }
}
