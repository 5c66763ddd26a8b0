package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Binds {@code routes}: required, non-empty, ids unique; order is kept because the first match wins. */
final class RouteListBinder {

    private RouteListBinder() {
    }

    static List<RouteConfig> bind(MapReader top, Map<String, PolicySpec> policies, boolean identityIssuers,
            Problems problems) {
        List<RouteConfig> out = new ArrayList<>();
        UniqueNames ids = new UniqueNames("route id");
        ListBinding.list(top, "routes", true, problems).ifPresent(l -> ListBinding.forEach(l, "routes", (item, path) -> {
            RouteConfig route = RouteBinder.bind(item, path, policies, identityIssuers, problems);
            if (route != null) {
                ids.claim(route.id(), ((MapNode) item).get("id").orElseThrow().position(), path + ".id", problems);
                out.add(route);
            }
        }));
        return out;
    }
}
