package io.portcullis.config;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code routes}: the main file's, then each included file's, in include order, because the
 * first match wins. Ids are unique across all files. A config without includes must have a
 * non-empty {@code routes} list; with includes, some file must declare a route.
 */
final class RouteListBinder {

    private RouteListBinder() {
    }

    /** @param files the main file's reader first, then the included files' */
    static List<RouteConfig> bind(List<MapReader> files, Map<String, PolicySpec> policies, boolean identityIssuers,
            Problems problems) {
        List<RouteConfig> out = new ArrayList<>();
        UniqueNames ids = new UniqueNames("route id");
        boolean includes = files.size() > 1;
        int declared = 0;
        for (int f = 0; f < files.size(); f++) {
            MapReader file = files.get(f);
            Optional<ListNode> list = ListBinding.list(file, "routes", f == 0 && !includes, problems);
            if (list.isEmpty()) {
                continue;
            }
            declared += list.get().items().size();
            ListBinding.forEach(list.get(), "routes", (item, path) -> {
                RouteConfig route = RouteBinder.bind(item, path, policies, identityIssuers, problems);
                if (route != null) {
                    ids.claim(route.id(), ((MapNode) item).get("id").orElseThrow().position(), path + ".id", problems);
                    out.add(route);
                }
            });
        }
        if (includes && declared == 0) {
            problems.add(files.get(0).position(), "routes", "is required (no file declares a route)");
        }
        return out;
    }
}
