package io.portcullis.config;

import java.util.List;
import java.util.Set;

/**
 * Rules for {@code health_path}, the data listener's own readiness answer. It is answered before
 * routing, so it must be a canonical path the router would compare as written, must not be one of
 * Portcullis's own endpoints, and must not silently take requests a route names: a route whose
 * {@code path}, {@code path_prefix} (other than {@code /}) or {@code path_regex} reaches it is a
 * problem at that route. A catch-all route ({@code path_prefix: /}, or a host with no path criterion)
 * is not one: it names no path, and the health path is documented as answered first.
 */
final class HealthPath {

    /** Portcullis's own endpoints on the data listener (sso/ReservedPaths in proxy-core). */
    private static final Set<String> OWN = Set.of("/.portcullis/callback", "/.portcullis/logout",
            "/.portcullis/backchannel-logout", "/.well-known/portcullis/jwks.json");

    private HealthPath() {
    }

    /** The path when it can be a health path; else IllegalArgumentException with why. */
    static String parse(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("must start with /, got '" + path + "'");
        }
        if (path.equals("/")) {
            throw new IllegalArgumentException("'/' would answer every request; use e.g. /.portcullis/healthz");
        }
        if (path.endsWith("/") || path.contains("//") || path.contains("?") || path.contains("#")
                || path.contains("%") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..")) {
            throw new IllegalArgumentException("'" + path + "' is not a canonical path (no trailing /, //, "
                    + "dot segments, %, query or fragment)");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("'" + path + "' may hold only visible ASCII characters");
            }
        }
        if (OWN.contains(path)) {
            throw new IllegalArgumentException("'" + path + "' is one of Portcullis's own endpoints");
        }
        return path;
    }

    /** Reports each route that names a path reaching {@code health}. */
    static void checkRoutes(String health, List<RouteConfig> routes, Problems problems) {
        if (health == null) {
            return;
        }
        for (int i = 0; i < routes.size(); i++) {
            MatchConfig m = routes.get(i).match();
            String by = null;
            if (health.equals(m.path())) {
                by = "path";
            } else if (m.pathPrefix() != null && !m.pathPrefix().equals("/") && segmentPrefix(m.pathPrefix(), health)) {
                by = "path_prefix";
            } else if (m.pathRegex() != null && m.pathRegex().matcher(health).matches()) {
                by = "path_regex";
            }
            if (by != null) {
                problems.add(routes.get(i).position(), "routes[" + i + "].match." + by, "reaches health_path "
                        + health + ", which the listener answers itself before routing; move health_path or narrow the route");
            }
        }
    }

    private static boolean segmentPrefix(String prefix, String path) {
        String p = prefix;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return path.startsWith(p) && (path.length() == p.length() || path.charAt(p.length()) == '/');
    }
}
