package io.portcullis.proxy.routing;

import java.util.List;
import java.util.Locale;

/**
 * First-match routing over the canonical path, in file order. No match means 404: nothing is
 * forwarded by default.
 */
public final class Router {

    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    /** The first route that matches, or null. {@code hostHeader} may carry a port and any case. */
    public Route match(String hostHeader, String path, String method) {
        String host = hostWithoutPort(hostHeader);
        for (int i = 0, n = routes.size(); i < n; i++) {
            Route r = routes.get(i);
            if (r.matches(host, path, method)) {
                return r;
            }
        }
        return null;
    }

    static String hostWithoutPort(String host) {
        if (host == null) {
            return "";
        }
        String h = host;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end > 0 ? h.substring(0, end + 1) : h;
        } else {
            int colon = h.lastIndexOf(':');
            if (colon >= 0) {
                h = h.substring(0, colon);
            }
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
