package io.portcullis.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fully parsed and validated configuration. Immutable: a reload builds a new one and swaps the
 * reference, so a request always sees one consistent config. A new setting is a field of one of the
 * section records, never a new component or constructor here.
 *
 * @param source          the main file it was read from (null when built in code)
 * @param sha256          hex SHA-256 of the file bytes, for logs and {@code /policies}; with includes,
 *                        {@link ConfigLoader#combinedSha256} of every file's hash
 * @param sources         every file read from disk: the main file first, then included files in
 *                        include order (empty when built in code; without the main file for parsed text)
 * @param listen          the data-plane listener
 * @param admin           the admin listener
 * @param transport       listener TLS, HTTP/2 and shutdown grace
 * @param trustedProxies  peers whose {@code X-Forwarded-For} is believed
 * @param identity        issuers, device posture and second factors
 * @param routes          in match order: the main file's, then each included file's
 * @param policies        every policy, from the main file and then from included files
 * @param conditions      the named conditions rules may reference, from every file
 * @param limits          request limits
 * @param timeouts        listener and upstream timeouts
 * @param sso             browser single sign-on; null when off
 * @param assertion       the signed identity assertion; null when off
 * @param risk            the risk signals' settings
 * @param securityEvents  the Shared Signals transmitters whose security events are received
 *                        ({@code security_events}); never null
 * @param state           where replicas share revocations, rate limits and risk history ({@code state})
 * @param decisionApi     the forward-auth and AuthZEN listener ({@code decision_api}); null when off
 * @param tracing         OpenTelemetry tracing ({@code tracing}); never null, its fields null where unset
 * @param authzenPdps     the external AuthZEN PDPs {@code authzen} criteria ask ({@code authzen_pdps}), by id
 */
public record PortcullisConfig(
        Path source,
        String sha256,
        List<Path> sources,
        HostPort listen,
        HostPort admin,
        TransportConfig transport,
        List<Cidr> trustedProxies,
        IdentityConfig identity,
        List<RouteConfig> routes,
        Map<String, PolicySpec> policies,
        Map<String, ConditionSpec> conditions,
        LimitsConfig limits,
        TimeoutsConfig timeouts,
        SsoConfig sso,
        AssertionConfig assertion,
        RiskConfig risk,
        SecurityEventsConfig securityEvents,
        StateConfig state,
        DecisionApiConfig decisionApi,
        TracingConfig tracing,
        Map<String, AuthZenPdpConfig> authzenPdps) {

    public PortcullisConfig {
        sources = List.copyOf(sources);
        transport = transport == null ? TransportConfig.defaults() : transport;
        trustedProxies = List.copyOf(trustedProxies);
        identity = identity == null ? IdentityConfig.defaults() : identity;
        routes = List.copyOf(routes);
        policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        limits = limits == null ? LimitsConfig.defaults() : limits;
        timeouts = timeouts == null ? TimeoutsConfig.defaults() : timeouts;
        risk = risk == null ? RiskConfig.defaults() : risk;
        securityEvents = securityEvents == null ? SecurityEventsConfig.none() : securityEvents;
        state = state == null ? StateConfig.memory() : state;
        tracing = tracing == null ? TracingConfig.unset() : tracing;
        authzenPdps = authzenPdps == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(authzenPdps));
    }

    public Optional<IssuerConfig> issuer(String id) {
        return identity.issuer(id);
    }

    /** True when the issuer may only vouch for devices. */
    public boolean isDeviceIssuer(String id) {
        return identity.isDeviceIssuer(id);
    }
}
