package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Binds one entry of {@code issuers}. */
final class IssuerBinder {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final Duration MIN_JWKS_REFRESH = Duration.ofSeconds(10);

    private IssuerBinder() {
    }

    /** The issuer, or null when it has a problem (already recorded). */
    static IssuerConfig bind(Node node, String path, Map<String, String> env, Problems problems) {
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        String id = r.required("id", Ids.issuerId());
        URI issuer = r.required("issuer", Values.parsed(HttpUrls::parse));
        URI jwksUri = r.optional("jwks_uri", Values.parsed(HttpUrls::parse), null);
        boolean discovery = r.optional("discovery", Values.bool(), false);
        boolean hasJwksKey = r.node("jwks_uri").isPresent();
        if (hasJwksKey == discovery) {
            problems.add(r.position(), path, hasJwksKey
                    ? "set either jwks_uri or discovery: true, not both"
                    : "needs jwks_uri or discovery: true");
        }
        List<String> audiences = r.required("audiences", Values.nonEmptyListOf(Values.string()));
        List<String> algorithms = r.optional("algorithms", Values.nonEmptyListOf(Values.parsed(Algorithms::check)),
                List.of("RS256"));
        Duration skew = r.optional("clock_skew", Values.duration(Duration.ZERO, MAX_CLOCK_SKEW), Duration.ofSeconds(30));
        Duration refresh = r.optional("jwks_refresh", Values.duration(MIN_JWKS_REFRESH, null), Duration.ofMinutes(5));
        OidcClientBinder.Bound client = OidcClientBinder.bind(r, discovery, env, problems);
        SenderConstraintConfig senderConstraint = SenderConstraintBinder.bind(r, problems);
        r.finish();
        if (id == null || issuer == null || audiences == null) {
            return null;
        }
        return new IssuerConfig(id, issuer.toString(), jwksUri, discovery, audiences, algorithms, skew, refresh,
                r.position(), client.client(), client.introspection(), senderConstraint);
    }
}
