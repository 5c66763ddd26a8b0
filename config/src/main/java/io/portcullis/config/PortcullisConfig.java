package io.portcullis.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fully parsed and validated configuration. Immutable: a reload builds a new one and swaps the
 * reference, so a request always sees one consistent config.
 *
 * @param source          the main file it was read from (null when built in code)
 * @param sha256          hex SHA-256 of the file bytes, for logs and {@code /policies}; with includes,
 *                        {@link ConfigLoader#combinedSha256} of every file's hash
 * @param policies        every policy, from the main file and then from included files
 * @param mfaAmrValues    RFC 8176 {@code amr} values that count as a second factor
 * @param trustedProxies  peers whose {@code X-Forwarded-For} is believed
 * @param transport       listener TLS, HTTP/2 and shutdown grace
 * @param sso             browser single sign-on; null when off
 * @param assertion       the signed identity assertion; null when off
 * @param conditions      the named conditions rules may reference, from every file
 * @param sources         every file read from disk: the main file first, then included files in
 *                        include order (empty when built in code; without the main file for parsed text)
 * @param riskHistory     how long a device or network a user was allowed from stays known to the
 *                        proxy's risk signals ({@code risk.history})
 * @param securityEvents  the Shared Signals transmitters whose security events are received
 *                        ({@code security_events}); never null
 * @param decisionApi     the forward-auth and AuthZEN listener ({@code decision_api}); null when off
 */
public record PortcullisConfig(
        Path source,
        String sha256,
        HostPort listen,
        HostPort admin,
        List<IssuerConfig> issuers,
        DevicePostureConfig devicePosture,
        List<RouteConfig> routes,
        Map<String, PolicySpec> policies,
        List<Cidr> trustedProxies,
        List<String> mfaAmrValues,
        LimitsConfig limits,
        TimeoutsConfig timeouts,
        TransportConfig transport,
        SsoConfig sso,
        AssertionConfig assertion,
        Map<String, ConditionSpec> conditions,
        List<Path> sources,
        Duration riskHistory,
        SecurityEventsConfig securityEvents,
        DecisionApiConfig decisionApi) {

    /** A config without a decision API. */
    public PortcullisConfig(Path source, String sha256, HostPort listen, HostPort admin, List<IssuerConfig> issuers,
                            DevicePostureConfig devicePosture, List<RouteConfig> routes, Map<String, PolicySpec> policies,
                            List<Cidr> trustedProxies, List<String> mfaAmrValues, LimitsConfig limits,
                            TimeoutsConfig timeouts, TransportConfig transport, SsoConfig sso,
                            AssertionConfig assertion, Map<String, ConditionSpec> conditions, List<Path> sources,
                            Duration riskHistory, SecurityEventsConfig securityEvents) {
        this(source, sha256, listen, admin, issuers, devicePosture, routes, policies, trustedProxies, mfaAmrValues,
                limits, timeouts, transport, sso, assertion, conditions, sources, riskHistory, securityEvents, null);
    }

    /** How long a place stays known to the risk signals when {@code risk.history} is not set. */
    public static final Duration DEFAULT_RISK_HISTORY = Duration.ofDays(30);

    /** A config without security events. */
    public PortcullisConfig(Path source, String sha256, HostPort listen, HostPort admin, List<IssuerConfig> issuers,
                            DevicePostureConfig devicePosture, List<RouteConfig> routes, Map<String, PolicySpec> policies,
                            List<Cidr> trustedProxies, List<String> mfaAmrValues, LimitsConfig limits,
                            TimeoutsConfig timeouts, TransportConfig transport, SsoConfig sso,
                            AssertionConfig assertion, Map<String, ConditionSpec> conditions, List<Path> sources,
                            Duration riskHistory) {
        this(source, sha256, listen, admin, issuers, devicePosture, routes, policies, trustedProxies, mfaAmrValues,
                limits, timeouts, transport, sso, assertion, conditions, sources, riskHistory, SecurityEventsConfig.none());
    }

    /** A config with the default risk history. */
    public PortcullisConfig(Path source, String sha256, HostPort listen, HostPort admin, List<IssuerConfig> issuers,
                            DevicePostureConfig devicePosture, List<RouteConfig> routes, Map<String, PolicySpec> policies,
                            List<Cidr> trustedProxies, List<String> mfaAmrValues, LimitsConfig limits,
                            TimeoutsConfig timeouts, TransportConfig transport, SsoConfig sso,
                            AssertionConfig assertion, Map<String, ConditionSpec> conditions, List<Path> sources) {
        this(source, sha256, listen, admin, issuers, devicePosture, routes, policies, trustedProxies, mfaAmrValues,
                limits, timeouts, transport, sso, assertion, conditions, sources, DEFAULT_RISK_HISTORY);
    }

    /** The default second factors, from RFC 8176. */
    public static final List<String> DEFAULT_MFA_AMR =
            List.of("mfa", "otp", "hwk", "swk", "sms", "fpt", "face", "pop");

    public PortcullisConfig {
        issuers = List.copyOf(issuers);
        routes = List.copyOf(routes);
        policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        trustedProxies = List.copyOf(trustedProxies);
        mfaAmrValues = List.copyOf(mfaAmrValues);
        transport = transport == null ? TransportConfig.defaults() : transport;
        conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        sources = List.copyOf(sources);
        riskHistory = riskHistory == null ? DEFAULT_RISK_HISTORY : riskHistory;
        securityEvents = securityEvents == null ? SecurityEventsConfig.none() : securityEvents;
    }

    /** A config of one file (or built in code), without named conditions. */
    public PortcullisConfig(Path source, String sha256, HostPort listen, HostPort admin, List<IssuerConfig> issuers,
                            DevicePostureConfig devicePosture, List<RouteConfig> routes, Map<String, PolicySpec> policies,
                            List<Cidr> trustedProxies, List<String> mfaAmrValues, LimitsConfig limits,
                            TimeoutsConfig timeouts, TransportConfig transport, SsoConfig sso,
                            AssertionConfig assertion) {
        this(source, sha256, listen, admin, issuers, devicePosture, routes, policies, trustedProxies, mfaAmrValues,
                limits, timeouts, transport, sso, assertion, Map.of(), source == null ? List.of() : List.of(source));
    }

    /** A config with the default transport (cleartext HTTP/1.1), no single sign-on and no assertions. */
    public PortcullisConfig(Path source, String sha256, HostPort listen, HostPort admin, List<IssuerConfig> issuers,
                            DevicePostureConfig devicePosture, List<RouteConfig> routes, Map<String, PolicySpec> policies,
                            List<Cidr> trustedProxies, List<String> mfaAmrValues, LimitsConfig limits,
                            TimeoutsConfig timeouts) {
        this(source, sha256, listen, admin, issuers, devicePosture, routes, policies, trustedProxies, mfaAmrValues,
                limits, timeouts, TransportConfig.defaults(), null, null);
    }

    /** A config with the given transport, no single sign-on and no assertions. */
    public PortcullisConfig(Path source, String sha256, HostPort listen, HostPort admin, List<IssuerConfig> issuers,
                            DevicePostureConfig devicePosture, List<RouteConfig> routes, Map<String, PolicySpec> policies,
                            List<Cidr> trustedProxies, List<String> mfaAmrValues, LimitsConfig limits,
                            TimeoutsConfig timeouts, TransportConfig transport) {
        this(source, sha256, listen, admin, issuers, devicePosture, routes, policies, trustedProxies, mfaAmrValues,
                limits, timeouts, transport, null, null);
    }

    public Optional<IssuerConfig> issuer(String id) {
        return issuers.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** True when the issuer may only vouch for devices. */
    public boolean isDeviceIssuer(String id) {
        return devicePosture.issuers().contains(id);
    }
}
