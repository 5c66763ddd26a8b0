package io.portcullis.identity.token;

import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.jwks.JwksCache;

/** A configured issuer, the role it may vouch for, and its keys. */
public record TrustedIssuer(IssuerConfig config, Role role, JwksCache keys) {
}
