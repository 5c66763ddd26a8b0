package io.portcullis.config;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds the top level of a config file and checks what spans sections (references, duplicates). */
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
        List<IssuerConfig> issuers = new ArrayList<>();
        Set<String> declaredIds = new HashSet<>();
        int declaredIssuers = issuers(r, issuers, declaredIds, problems);
        Map<String, PolicySpec> policies = policies(r, problems);
        DevicePostureConfig posture = r.node("device_posture")
                .map(n -> DevicePostureBinder.bind(n, declaredIds, problems))
                .orElse(DevicePostureConfig.disabled());
        // An issuer that failed to bind might have been a user issuer: don't pile a guess on its error.
        boolean identityIssuers = declaredIssuers > issuers.size()
                || issuers.stream().anyMatch(i -> !posture.issuers().contains(i.id()));
        List<RouteConfig> routes = routes(r, policies, identityIssuers, problems);
        List<Cidr> trusted = r.optional("trusted_proxies", Values.listOf(Values.parsed(Cidr::parse)), List.of());
        List<String> mfa = r.optional("mfa_amr_values", Values.nonEmptyListOf(Values.string()),
                PortcullisConfig.DEFAULT_MFA_AMR);
        LimitsConfig limits = r.node("limits").map(n -> LimitsBinder.bind(n, problems)).orElse(LimitsConfig.defaults());
        TimeoutsConfig timeouts = r.node("timeouts").map(n -> TimeoutsBinder.bind(n, problems))
                .orElse(TimeoutsConfig.defaults());
        r.finish();
        if (!problems.isEmpty()) {
            return null;
        }
        return new PortcullisConfig(source, sha256, listen, admin, issuers, posture, routes, policies, trusted, mfa,
                limits, timeouts);
    }

    /**
     * Binds the issuers into {@code out} and collects every written id into {@code declaredIds}, so
     * a reference to an issuer that had its own problem is not reported again. Returns how many
     * issuers were declared, bound or not.
     */
    private static int issuers(MapReader r, List<IssuerConfig> out, Set<String> declaredIds, Problems problems) {
        Optional<ListNode> list = list(r, "issuers", false, problems);
        UniqueNames ids = new UniqueNames("issuer id");
        UniqueNames iss = new UniqueNames("issuer");
        list.ifPresent(l -> forEach(l, "issuers", (item, path) -> {
            if (item instanceof MapNode m && m.get("id").orElse(null) instanceof ScalarNode id && !id.isNull()) {
                declaredIds.add(id.value());
            }
            IssuerConfig issuer = IssuerBinder.bind(item, path, problems);
            if (issuer != null) {
                MapNode m = (MapNode) item;
                ids.claim(issuer.id(), m.get("id").orElseThrow().position(), path + ".id", problems);
                iss.claim(issuer.issuer(), m.get("issuer").orElseThrow().position(), path + ".issuer", problems);
                out.add(issuer);
            }
        }));
        return list.map(l -> l.items().size()).orElse(0);
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

    private static List<RouteConfig> routes(MapReader r, Map<String, PolicySpec> policies, boolean identityIssuers,
            Problems problems) {
        List<RouteConfig> out = new ArrayList<>();
        UniqueNames ids = new UniqueNames("route id");
        list(r, "routes", true, problems).ifPresent(l -> forEach(l, "routes", (item, path) -> {
            RouteConfig route = RouteBinder.bind(item, path, policies, identityIssuers, problems);
            if (route != null) {
                ids.claim(route.id(), ((MapNode) item).get("id").orElseThrow().position(), path + ".id", problems);
                out.add(route);
            }
        }));
        return out;
    }

    /** The list under {@code key}; a missing required or empty required list is a problem. */
    private static Optional<ListNode> list(MapReader r, String key, boolean required, Problems problems) {
        Optional<Node> node = r.node(key);
        if (node.isEmpty()) {
            if (required) {
                problems.add(r.position(), key, "is required");
            }
            return Optional.empty();
        }
        if (!(node.get() instanceof ListNode l)) {
            problems.add(node.get().position(), key, "expected a list, got " + Values.describe(node.get()));
            return Optional.empty();
        }
        if (required && l.items().isEmpty()) {
            problems.add(l.position(), key, "must not be empty");
        }
        return Optional.of(l);
    }

    private interface ItemBinder {
        void bind(Node item, String path);
    }

    private static void forEach(ListNode list, String key, ItemBinder binder) {
        for (int i = 0; i < list.items().size(); i++) {
            binder.bind(list.items().get(i), key + "[" + i + "]");
        }
    }
}
