package io.portcullis.policy;

import java.util.Map;

/**
 * A verified identity as the policy engine sees it: plain values only (no JOSE or Netty types).
 * {@code claims} holds JSON values: String, Boolean, Number, List, Map.
 *
 * @param tokenBinding how the access token was tied to its presenter, as the binding check proved it:
 *                     {@code dpop}, {@code mtls}, {@code dpop+mtls}, {@code unbound}, {@code not-checked};
 *                     null when the identity did not come from an access token (a session) or is not known
 */
public record IdentityFacts(String issuer, String subject, Map<String, Object> claims, String tokenBinding) {

    public IdentityFacts {
        claims = Map.copyOf(claims);
    }

    public Object claim(String name) {
        return claims.get(name);
    }
}
