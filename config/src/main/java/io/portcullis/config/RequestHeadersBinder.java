package io.portcullis.config;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds a route's {@code request_headers: { set: {name: template}, remove: [name] }}. A name may be
 * named once across {@code set}, {@code remove} and the route's {@code identity_headers} and
 * {@code assertion_header} (two rules for one header would leave the winner to the order of the code);
 * hop-by-hop, framing, credential and the proxy's own headers cannot be named at all.
 */
final class RequestHeadersBinder {

    private RequestHeadersBinder() {
    }

    /**
     * @param taken lower-case names the route already sets ({@code identity_headers},
     *              {@code assertion_header}), mapped to the key that sets them
     */
    static RequestHeaderRules bind(Node node, String path, Map<String, String> taken, Problems problems) {
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return RequestHeaderRules.none();
        }
        Map<String, String> seen = new LinkedHashMap<>(taken);
        Map<String, HeaderTemplate> set = new LinkedHashMap<>();
        r.node("set").ifPresent(n -> {
            MapReader s = MapReader.of(n, r.path("set"), problems).orElse(null);
            if (s == null) {
                return;
            }
            for (MapNode.Entry e : s.entries()) {
                String name = e.key();
                if (usable(name, e.keyPosition(), s.path(name), seen, problems)) {
                    HeaderTemplate t = Values.parsed(HeaderTemplate::parse).read(e.value(), s.path(name), problems);
                    if (t != null) {
                        set.put(name, t);
                    }
                }
            }
        });
        List<String> remove = new ArrayList<>();
        r.node("remove").ifPresent(n -> {
            if (!(n instanceof ListNode list)) {
                problems.add(n.position(), r.path("remove"), "expected a list of header names, got " + Values.describe(n));
                return;
            }
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                String itemPath = r.path("remove") + "[" + i + "]";
                String name = Values.string().read(item, itemPath, problems);
                if (name != null && usable(name, item.position(), itemPath, seen, problems)) {
                    remove.add(name);
                }
            }
        });
        r.finish();
        return new RequestHeaderRules(set, remove);
    }

    private static boolean usable(String name, Position at, String path, Map<String, String> seen, Problems problems) {
        String why = HeaderNames.whyNotSettable(name);
        if (why == null) {
            why = HeaderNames.whyProxyOwned(name);
        }
        if (why != null) {
            problems.add(at, path, why);
            return false;
        }
        String before = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), path);
        if (before != null) {
            problems.add(at, path, "header '" + name + "' is already named by " + before + " (names ignore case)");
            return false;
        }
        return true;
    }

    /** The lower-case names a route sets besides its request_headers, each with the key that sets it. */
    static Map<String, String> takenBy(Map<String, String> identityHeaders, String assertionHeader, String path) {
        Map<String, String> taken = new LinkedHashMap<>();
        identityHeaders.keySet().forEach(h -> taken.put(h.toLowerCase(Locale.ROOT), path + ".identity_headers." + h));
        if (assertionHeader != null) {
            taken.put(assertionHeader.toLowerCase(Locale.ROOT), path + ".assertion_header");
        }
        return taken;
    }

    /**
     * A rule naming the device-posture header would overwrite or drop what {@code pass_device_posture}
     * forwards, or forge a posture token upstream: reported at the route.
     */
    static void checkPostureHeader(String postureHeader, List<RouteConfig> routes, Problems problems) {
        if (postureHeader == null) {
            return;
        }
        for (int i = 0; i < routes.size(); i++) {
            RequestHeaderRules rules = routes.get(i).forwarding().requestHeaders();
            List<String> named = new ArrayList<>(rules.set().keySet());
            named.addAll(rules.remove());
            for (String name : named) {
                if (name.equalsIgnoreCase(postureHeader)) {
                    problems.add(routes.get(i).position(), "routes[" + i + "].request_headers",
                            "'" + name + "' is the device-posture header; use pass_device_posture instead");
                }
            }
        }
    }
}
