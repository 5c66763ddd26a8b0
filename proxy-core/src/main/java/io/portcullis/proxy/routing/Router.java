package io.portcullis.proxy.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * First-match routing over the canonical path, in file order. No match means 404: nothing is
 * forwarded by default.
 *
 * <p>Routes are indexed at load so that a request tries only the routes that could take it: a route
 * with an exact host is filed under that host, else one with a path or path prefix under the path's
 * first segment, else (any host, or only a regex) with the routes every request tries. A request
 * walks its host's routes, its first segment's routes and those, merged back into file order, so the
 * first match is the one a scan of every route would find (a thousand routes were tried one by one,
 * ~20 us a request for the last of them).
 */
public final class Router {

    private static final int[] NONE = new int[0];

    private final List<Route> routes;
    private final Route[] byIndex;
    private final Map<String, int[]> byHost;
    private final Map<String, int[]> bySegment;
    private final int[] everywhere;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.byIndex = this.routes.toArray(new Route[0]);
        Map<String, List<Integer>> hosts = new HashMap<>();
        Map<String, List<Integer>> segments = new HashMap<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < byIndex.length; i++) {
            Route route = byIndex[i];
            String host = route.exactHost();
            String segment = route.firstPathSegment();
            if (host != null) {
                hosts.computeIfAbsent(host, h -> new ArrayList<>()).add(i);
            } else if (segment != null) {
                segments.computeIfAbsent(segment, s -> new ArrayList<>()).add(i);
            } else {
                rest.add(i);
            }
        }
        this.byHost = frozen(hosts);
        this.bySegment = frozen(segments);
        this.everywhere = ints(rest);
    }

    public List<Route> routes() {
        return routes;
    }

    /** The first route that matches, or null. {@code hostHeader} may carry a port and any case. */
    public Route match(String hostHeader, String path, String method) {
        String host = hostWithoutPort(hostHeader);
        if (path == null || !path.startsWith("/")) {
            // Not a path the index knows how to cut: try every route.
            return scan(host, path, method);
        }
        int[] a = byHost.getOrDefault(host, NONE);
        int[] b = bySegment.getOrDefault(firstSegment(path), NONE);
        int[] c = everywhere;
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length || k < c.length) {
            // The lowest file position of the three lists next.
            int next = Math.min(i < a.length ? a[i] : Integer.MAX_VALUE,
                    Math.min(j < b.length ? b[j] : Integer.MAX_VALUE, k < c.length ? c[k] : Integer.MAX_VALUE));
            if (i < a.length && a[i] == next) {
                i++;
            } else if (j < b.length && b[j] == next) {
                j++;
            } else {
                k++;
            }
            Route route = byIndex[next];
            if (route.matches(host, path, method)) {
                return route;
            }
        }
        return null;
    }

    private Route scan(String host, String path, String method) {
        for (Route route : byIndex) {
            if (route.matches(host, path, method)) {
                return route;
            }
        }
        return null;
    }

    /** {@code a} of {@code /a/b}, {@code ""} of {@code /}; the path starts with '/'. */
    static String firstSegment(String path) {
        int end = path.indexOf('/', 1);
        return path.substring(1, end < 0 ? path.length() : end);
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

    private static Map<String, int[]> frozen(Map<String, List<Integer>> lists) {
        Map<String, int[]> out = new HashMap<>();
        lists.forEach((key, list) -> out.put(key, ints(list)));
        return Map.copyOf(out);
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
