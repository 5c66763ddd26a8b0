package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Binds the top level of a config file, section by section, in the order references need. */
final class ConfigBinder {

    static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 8080);
    static final HostPort DEFAULT_ADMIN = new HostPort("127.0.0.1", 9901);

    /** The config when it bound without problems (else null), and what bound either way (may be null). */
    record Bound(PortcullisConfig config, PartialConfig partial) {
    }

    private ConfigBinder() {
    }

    /**
     * The config, or only what bound of it when there were problems (all recorded).
     *
     * @param files the main file first, then the files it includes, in include order
     * @param env   where {@code client_secret_env} names are looked up
     */
    static Bound bind(List<SourceFile> files, Map<String, String> env, Problems problems) {
        SourceFile main = files.get(0);
        Node root = main.root();
        MapReader r = MapReader.of(root, "", problems).orElse(null);
        if (r == null) {
            return new Bound(null, null);
        }
        r.node("include"); // resolved by the loader
        List<MapReader> readers = new ArrayList<>(List.of(r));
        for (SourceFile included : files.subList(1, files.size())) {
            IncludedFile.reader(included, problems).ifPresent(readers::add);
        }
        HostPort listen = r.optional("listen", Values.parsed(HostPortParser::parse), DEFAULT_LISTEN);
        HostPort admin = r.optional("admin", Values.parsed(HostPortParser::parse), DEFAULT_ADMIN);
        if (listen.equals(admin) && listen.port() != 0) {
            problems.add(r.node("admin").orElse(root).position(), "admin", "must differ from listen (" + listen + ")");
        }
        IssuerListBinder.Issuers issuers = IssuerListBinder.bind(r, env, problems);
        Map<String, PolicySpec> policies = MergedSection.bind(readers, "policies", "policy id", PolicyBinder::bind,
                problems);
        if (readers.stream().noneMatch(f -> f.node("policies").isPresent())) {
            problems.add(r.position(), "policies", "is required");
        }
        Map<String, ConditionSpec> conditions = MergedSection.bind(readers, "conditions", "condition",
                (e, path, p) -> new ConditionSpec(e.key(), e.value(), e.keyPosition()), problems);
        DevicePostureConfig posture = r.node("device_posture")
                .map(n -> DevicePostureBinder.bind(n, issuers.declaredIds(), problems))
                .orElse(DevicePostureConfig.disabled());
        List<RouteConfig> routes = RouteListBinder.bind(readers, policies, issuers.mayVouchForUsers(posture), problems);
        List<Cidr> trusted = r.optional("trusted_proxies", Values.listOf(Values.parsed(Cidr::parse)), List.of());
        List<String> mfa = r.optional("mfa_amr_values", Values.nonEmptyListOf(Values.string()),
                IdentityConfig.DEFAULT_MFA_AMR);
        LimitsConfig limits = r.node("limits").map(n -> LimitsBinder.bind(n, problems)).orElse(LimitsConfig.defaults());
        TimeoutsConfig timeouts = r.node("timeouts").map(n -> TimeoutsBinder.bind(n, problems))
                .orElse(TimeoutsConfig.defaults());
        TransportConfig transport = TransportBinder.bind(r, problems);
        SsoConfig sso = r.node("sso").map(n -> SsoBinder.bind(n, issuers.bound(), posture, problems)).orElse(null);
        AssertionConfig assertion = r.node("assertion").map(n -> AssertionBinder.bind(n, problems)).orElse(null);
        RiskConfig risk = r.node("risk").map(n -> RiskBinder.bind(n, problems)).orElse(RiskConfig.defaults());
        SecurityEventsConfig securityEvents = r.node("security_events")
                .map(n -> SecurityEventsBinder.bind(n, env, problems)).orElse(SecurityEventsConfig.none());
        StateConfig state = r.node("state").map(n -> StateBinder.bind(n, env, problems)).orElse(StateConfig.memory());
        DecisionApiConfig decisionApi = r.node("decision_api")
                .map(n -> DecisionApiBinder.bind(n, listen, issuers.declaredIds(), problems)).orElse(null);
        TracingConfig tracing = r.node("tracing").map(n -> TracingBinder.bind(n, problems)).orElse(TracingConfig.unset());
        Map<String, AuthZenPdpConfig> pdps = r.node("authzen_pdps").flatMap(n -> MapReader.of(n, "authzen_pdps", problems))
                .map(section -> authzenPdps(section, env, problems)).orElse(Map.of());
        RouteFeatureChecks.check(r, routes, problems);
        HealthPath.checkRoutes(transport.healthPath(), routes, problems);
        RequestHeadersBinder.checkPostureHeader(posture.header(), routes, problems);
        r.finish();
        if (!problems.isEmpty()) {
            return new Bound(null, new PartialConfig(policies, conditions, mfa, sso, assertion));
        }
        List<Path> sources = files.stream().map(SourceFile::path).filter(Objects::nonNull).toList();
        String sha = ConfigLoader.combinedSha256(files.stream().map(SourceFile::sha256).toList());
        return new Bound(new PortcullisConfig(main.path(), sha, sources, listen, admin, transport, trusted,
                new IdentityConfig(issuers.bound(), posture, mfa), routes, policies, conditions, limits, timeouts, sso,
                assertion, risk, securityEvents, state, decisionApi, tracing, pdps), null);
    }

    private static Map<String, AuthZenPdpConfig> authzenPdps(MapReader section, Map<String, String> env,
                                                             Problems problems) {
        Map<String, AuthZenPdpConfig> pdps = new java.util.LinkedHashMap<>();
        for (io.portcullis.config.yaml.MapNode.Entry e : section.entries()) {
            AuthZenPdpConfig pdp = AuthZenPdpBinder.bind(e, section.path(e.key()), env, problems);
            if (pdp != null) {
                pdps.put(e.key(), pdp);
            }
        }
        section.finish();
        return pdps;
    }
}
