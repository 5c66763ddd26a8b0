package io.portcullis.policy;

import java.util.Map;

/**
 * A verified identity as the policy engine sees it: plain values only (no JOSE or Netty types).
 * {@code claims} holds JSON values: String, Boolean, Number, List, Map.
 */
public record IdentityFacts(String issuer, String subject, Map<String, Object> claims) {

    public IdentityFacts {
        claims = Map.copyOf(claims);
    }

    public Object claim(String name) {
        return claims.get(name);
    }
}
