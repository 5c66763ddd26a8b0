package io.portcullis.identity.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.portcullis.identity.token.PlainClaims;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ID-token claims a session keeps: everything a policy or identity header may use ({@code groups},
 * {@code email}, {@code amr}, {@code acr}, {@code auth_time}, {@code device}...), without the protocol
 * claims that only mattered for validating the token itself (they would bloat the cookie and could
 * mislead a policy into trusting a stale {@code exp}).
 */
final class SessionClaims {

    private static final Set<String> PROTOCOL = Set.of("iss", "aud", "exp", "iat", "nbf", "jti", "nonce", "at_hash",
            "c_hash", "s_hash", "azp", "typ", "sid", "session_state", "tid");

    private SessionClaims() {
    }

    static Map<String, Object> from(JWTClaimsSet idToken) {
        Map<String, Object> kept = new LinkedHashMap<>(PlainClaims.of(idToken));
        kept.keySet().removeAll(PROTOCOL);
        return Map.copyOf(kept);
    }
}
