package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds the top level of a config file, section by section, in the order references need. */
final class ConfigBinder {

    static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 8080);
    static final HostPort DEFAULT_ADMIN = new HostPort("127.0.0.1", 9901);

    private ConfigBinder() {
    }

    /** The config, or null when there were problems (all recorded). */
    static PortcullisConfig bind(Node root, Path source, String sha256, Problems problems) {
        MapReader r = MapReader.of(root, "", problems).orElse(null);
        if (r == null) {
            return null;
        }
        HostPort listen = r.optional("listen", Values.parsed(HostPortParser::parse), DEFAULT_LISTEN);
        HostPort admin = r.optional("admin", Values.parsed(HostPortParser::parse), DEFAULT_ADMIN);
        if (listen.equals(admin) && listen.port() != 0) {
            problems.add(r.node("admin").orElse(root).position(), "admin", "must differ from listen (" + listen + ")");
        }
        IssuerListBinder.Issuers issuers = IssuerListBinder.bind(r, problems);
        Map<String, PolicySpec> policies = policies(r, problems);
        DevicePostureConfig posture = r.node("device_posture")
                .map(n -> DevicePostureBinder.bind(n, issuers.declaredIds(), problems))
                .orElse(DevicePostureConfig.disabled());
        List<RouteConfig> routes = RouteListBinder.bind(r, policies, issuers.mayVouchForUsers(posture), problems);
        List<Cidr> trusted = r.optional("trusted_proxies", Values.listOf(Values.parsed(Cidr::parse)), List.of());
        List<String> mfa = r.optional("mfa_amr_values", Values.nonEmptyListOf(Values.string()),
                PortcullisConfig.DEFAULT_MFA_AMR);
        LimitsConfig limits = r.node("limits").map(n -> LimitsBinder.bind(n, problems)).orElse(LimitsConfig.defaults());
        TimeoutsConfig timeouts = r.node("timeouts").map(n -> TimeoutsBinder.bind(n, problems))
                .orElse(TimeoutsConfig.defaults());
        TransportConfig transport = TransportBinder.bind(r, problems);
        SsoConfig sso = r.node("sso").map(n -> SsoBinder.bind(n, issuers.bound(), posture, problems)).orElse(null);
        AssertionConfig assertion = r.node("assertion").map(n -> AssertionBinder.bind(n, problems)).orElse(null);
        RouteFeatureChecks.check(r, routes, problems);
        r.finish();
        if (!problems.isEmpty()) {
            return null;
        }
        return new PortcullisConfig(source, sha256, listen, admin, issuers.bound(), posture, routes, policies, trusted,
                mfa, limits, timeouts, transport, sso, assertion);
    }

    /** Every declared policy; one that failed to bind maps to null, so routes naming it add no noise. */
    private static Map<String, PolicySpec> policies(MapReader r, Problems problems) {
        Map<String, PolicySpec> out = new LinkedHashMap<>();
        Node node = r.required("policies", (n, path, p) -> n);
        if (node == null) {
            return out;
        }
        MapReader.of(node, "policies", problems).ifPresent(pr -> {
            for (MapNode.Entry e : pr.entries()) {
                out.put(e.key(), PolicyBinder.bind(e, pr.path(e.key()), problems));
            }
        });
        return out;
    }
}
