package io.portcullis.config;

import java.util.List;
import java.util.Map;

/**
 * Binds the client keys of an issuer ({@code client_id}, {@code client_secret_file} or
 * {@code client_secret_env}, {@code scopes}) and its {@code introspection} block. A secret is never
 * written inline in the file: it comes from a file or the environment.
 */
final class OidcClientBinder {

    /** What an issuer's client keys bound to; either may be null. */
    record Bound(OidcClientConfig client, IntrospectionConfig introspection) {
    }

    private OidcClientBinder() {
    }

    static Bound bind(MapReader r, boolean discovery, Map<String, String> env, Problems problems) {
        String clientId = r.optional("client_id", Values.string(), null);
        boolean hasFile = r.node("client_secret_file").isPresent();
        boolean hasEnv = r.node("client_secret_env").isPresent();
        ClientSecret secret = FileValues.secretFromFileOrEnv(r, "client_secret", env, problems);
        List<String> scopes = r.optional("scopes", Values.nonEmptyListOf(Values.string()), OidcClientConfig.DEFAULT_SCOPES);
        r.node("scopes").ifPresent(node -> {
            if (!scopes.contains("openid")) {
                problems.add(node.position(), r.path("scopes"), "must contain openid");
            }
        });
        IntrospectionConfig introspection = r.optional("introspection", IntrospectionBinder::bind, null);
        if (clientId == null) {
            for (String key : List.of("client_secret_file", "client_secret_env", "scopes", "introspection")) {
                r.node(key).ifPresent(node -> problems.add(node.position(), r.path(key), "needs client_id"));
            }
            return new Bound(null, null);
        }
        r.node("introspection").ifPresent(node -> {
            if (!hasFile && !hasEnv) {
                problems.add(node.position(), r.path("introspection"),
                        "needs client_secret_file or client_secret_env (introspection authenticates the client)");
            }
            if (introspection != null && introspection.endpoint() == null && !discovery) {
                problems.add(node.position(), r.path("introspection.endpoint"),
                        "is required unless the issuer has discovery: true");
            }
        });
        return new Bound(new OidcClientConfig(clientId, secret, scopes), introspection);
    }
}
