package io.portcullis.proxy.warmup;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.IdentityConfig;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteAccess;
import io.portcullis.config.RouteConfig;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyCompiler;
import io.portcullis.policy.PolicySet;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config a warm-up decides with: the running config with every issuer replaced by the throwaway
 * issuer under the same id (so policies that name an issuer still match), no introspection, no OIDC
 * client and no external PDP. Only the warm-up's own identity service ever reads it.
 */
final class WarmupConfigs {

    /**
     * The policy the warm-up listener's allowing routes use: any verified token passes, so the forward
     * path (identity headers, the upstream exchange) is compiled whatever the real policies demand. A
     * name no config can use (ids are {@code [A-Za-z0-9_-]}, never with a dot).
     */
    static final String AUTHENTICATED_POLICY = "portcullis.warmup.authenticated";

    /** The audience of a warm-up token when the issuer names none. */
    static final String DEFAULT_AUDIENCE = "portcullis-warmup";

    private WarmupConfigs() {
    }

    static PortcullisConfig of(PortcullisConfig real, URI jwks) {
        List<IssuerConfig> issuers = real.identity().issuers().stream()
                .map(i -> new IssuerConfig(i.id(), ThrowawayIssuer.issuerUrl(i.id()), jwks, false, i.audiences(),
                        List.of("RS256", "ES256"), i.clockSkew(), Duration.ofHours(1), i.position()))
                .toList();
        IdentityConfig identity = new IdentityConfig(issuers, real.identity().devicePosture(),
                real.identity().mfaAmrValues());
        return new PortcullisConfig(real.source(), real.sha256(), real.sources(), real.listen(), real.admin(),
                real.transport(), real.trustedProxies(), identity, real.routes(), real.policies(), real.conditions(),
                real.limits(), real.timeouts(), real.sso(), real.assertion(), real.risk(), real.securityEvents(),
                real.state(), real.decisionApi(), real.tracing(), Map.of());
    }

    /** The audience a warm-up token of {@code issuer} carries. */
    static String audience(IssuerConfig issuer) {
        return issuer.audiences().isEmpty() ? DEFAULT_AUDIENCE : issuer.audiences().get(0);
    }

    /** {@code c} with every route's upstream replaced by {@code upstream}. */
    static PortcullisConfig throughUpstream(PortcullisConfig c, URI upstream) {
        return withRoutes(c, c.routes().stream()
                .map(r -> new RouteConfig(r.id(), r.match(), upstream, r.access(), r.forwarding(), r.limits(),
                        r.transport(), r.position()))
                .toList());
    }

    /** {@code c} with every route decided by {@link #AUTHENTICATED_POLICY} (their shadow policies kept). */
    static PortcullisConfig authenticatedRoutes(PortcullisConfig c) {
        return withRoutes(c, c.routes().stream()
                .map(r -> new RouteConfig(r.id(), r.match(), r.upstream(), new RouteAccess(AUTHENTICATED_POLICY,
                        r.access().shadowPolicy(), false, r.access().scopesSupported(), r.access().corsPreflight()),
                        r.forwarding(), r.limits(), r.transport(), r.position()))
                .toList());
    }

    /** The real compiled policies and {@link #AUTHENTICATED_POLICY}. */
    static PolicySet withAuthenticatedPolicy(PolicySet real, PortcullisConfig c) throws ConfigException {
        PortcullisConfig tiny = ConfigLoader.parse("""
                issuers: [{ id: w, issuer: "https://warmup.portcullis.invalid/w", jwks_uri: "https://warmup.portcullis.invalid/jwks", audiences: [w] }]
                routes: [{ id: w, match: { path_prefix: / }, upstream: "http://127.0.0.1:9", policy: w }]
                policies: { w: { allow: { authenticated: true } } }
                """, "warmup.yaml", Map.of());
        Policy authenticated = PolicyCompiler.compile(tiny.policies(), c.identity().mfaAmrValues()).get("w")
                .orElseThrow();
        Map<String, Policy> all = new LinkedHashMap<>(real.policies());
        all.put(AUTHENTICATED_POLICY, authenticated);
        return new PolicySet(all, List.of());
    }

    private static PortcullisConfig withRoutes(PortcullisConfig c, List<RouteConfig> routes) {
        return new PortcullisConfig(c.source(), c.sha256(), c.sources(), c.listen(), c.admin(), c.transport(),
                c.trustedProxies(), c.identity(), routes, c.policies(), c.conditions(), c.limits(), c.timeouts(),
                c.sso(), c.assertion(), c.risk(), c.securityEvents(), c.state(), c.decisionApi(), c.tracing(),
                c.authzenPdps());
    }
}
