package io.portcullis.config;

import java.util.List;

/**
 * How Portcullis signs users in at an issuer and calls its token and introspection endpoints.
 *
 * @param clientId the OAuth client id registered at the issuer
 * @param secret   the client secret, or null for a public client (PKCE only, no client authentication)
 * @param scopes   scopes asked for at login; always contains {@code openid}
 */
public record OidcClientConfig(String clientId, ClientSecret secret, List<String> scopes) {

    /** The scopes asked for when {@code scopes} is not set. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile");

    public OidcClientConfig {
        scopes = List.copyOf(scopes);
    }
}
