package io.portcullis.config;

import java.net.URI;
import java.util.List;

/**
 * OAuth 2.0 client credentials Portcullis uses at a Shared Signals transmitter (for its stream
 * management API and, with poll delivery, its poll endpoint) or at an AuthZEN PDP ({@code authzen_pdps.*.client}).
 *
 * @param tokenEndpoint where the client credentials grant is made
 * @param clientId      the client id registered at the transmitter
 * @param secret        from a file or the environment, never inline
 * @param scopes        scopes asked for (Keycloak: {@code ssf.manage ssf.read}); empty for none
 */
public record StreamClientConfig(URI tokenEndpoint, String clientId, ClientSecret secret, List<String> scopes) {

    public StreamClientConfig {
        scopes = List.copyOf(scopes);
    }
}
