package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Binds one entry of {@code authzen_pdps}: {@code url, token_file | token_env | client: {token_endpoint,
 * client_id, client_secret_file | client_secret_env, scopes}, timeout,
 * cache: {allow, deny}, subject: {type, id_claim}}.
 */
final class AuthZenPdpBinder {

    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    private AuthZenPdpBinder() {
    }

    static AuthZenPdpConfig bind(MapNode.Entry entry, String path, Map<String, String> env, Problems problems) {
        MapReader r = MapReader.of(entry.value(), path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        if (!entry.key().matches("[a-z0-9][a-z0-9_-]*")) {
            problems.add(entry.keyPosition(), path, "invalid id '" + entry.key() + "' (must match [a-z0-9][a-z0-9_-]*)");
        }
        URI url = r.required("url", Values.parsed(HttpUrls::parse));
        ClientSecret token = FileValues.secretFromFileOrEnv(r, "token", env, problems);
        StreamClientConfig client = r.node("client")
                .map(n -> TransmitterBinder.client(n, r.path("client"), env, problems)).orElse(null);
        if (r.node("client").isPresent() && (r.node("token_file").isPresent() || r.node("token_env").isPresent())) {
            problems.add(r.node("client").orElseThrow().position(), r.path("client"),
                    "set either client or token_file/token_env, not both");
        }
        Duration timeout = r.optional("timeout", Values.duration(Duration.ofMillis(1), MAX_TIMEOUT),
                AuthZenPdpConfig.DEFAULT_TIMEOUT);
        AuthZenPdpConfig.Cache cache = r.node("cache").map(n -> cache(n, r.path("cache"), problems))
                .orElse(AuthZenPdpConfig.Cache.defaults());
        AuthZenPdpConfig.Subject subject = r.node("subject").map(n -> subject(n, r.path("subject"), problems))
                .orElse(AuthZenPdpConfig.Subject.defaults());
        r.finish();
        return url == null ? null
                : new AuthZenPdpConfig(entry.key(), url, token, client, timeout, cache, subject, entry.keyPosition());
    }

    private static AuthZenPdpConfig.Cache cache(io.portcullis.config.yaml.Node node, String path, Problems problems) {
        AuthZenPdpConfig.Cache d = AuthZenPdpConfig.Cache.defaults();
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return d;
        }
        // 0s turns caching off for that kind of answer.
        AuthZenPdpConfig.Cache c = new AuthZenPdpConfig.Cache(
                r.optional("allow", Values.duration(Duration.ZERO, Duration.ofHours(1)), d.allow()),
                r.optional("deny", Values.duration(Duration.ZERO, Duration.ofHours(1)), d.deny()));
        r.finish();
        return c;
    }

    private static AuthZenPdpConfig.Subject subject(io.portcullis.config.yaml.Node node, String path,
                                                    Problems problems) {
        AuthZenPdpConfig.Subject d = AuthZenPdpConfig.Subject.defaults();
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return d;
        }
        AuthZenPdpConfig.Subject s = new AuthZenPdpConfig.Subject(r.optional("type", Values.string(), d.type()),
                r.optional("id_claim", Values.string(), d.idClaim()));
        r.finish();
        return s;
    }
}
