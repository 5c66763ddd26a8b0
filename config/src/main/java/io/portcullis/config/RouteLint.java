package io.portcullis.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Warnings about routes that load but can never be used, for {@code portcullis check}. A route is
 * unreachable when an earlier one takes every request it would match: first match wins. Only
 * certain cases are flagged: an earlier route with a {@code path_regex} is never taken to cover another.
 */
public final class RouteLint {

    private RouteLint() {
    }

    /** Each route fully shadowed by an earlier one, reported at the later route. */
    public static List<ConfigProblem> unreachableRoutes(PortcullisConfig config) {
        List<ConfigProblem> out = new ArrayList<>();
        List<RouteConfig> routes = config.routes();
        for (int j = 1; j < routes.size(); j++) {
            RouteConfig later = routes.get(j);
            for (int i = 0; i < j; i++) {
                RouteConfig earlier = routes.get(i);
                if (covers(earlier.match(), later.match())) {
                    out.add(new ConfigProblem(later.position(), "route '" + later.id() + "' can never match: route '"
                            + earlier.id() + "' (" + earlier.position() + ") comes first and takes every request it would"));
                    break;
                }
            }
        }
        return out;
    }

    /** Whether every request {@code b} matches is also matched by {@code a}. */
    static boolean covers(MatchConfig a, MatchConfig b) {
        return a.pathRegex() == null && coversHost(a, b) && coversMethods(a, b) && coversPath(a, b);
    }

    private static boolean coversHost(MatchConfig a, MatchConfig b) {
        if (a.host() == null) {
            return true;
        }
        return b.host() != null && b.hostPattern().isCoveredBy(a.hostPattern());
    }

    private static boolean coversMethods(MatchConfig a, MatchConfig b) {
        return a.methods().isEmpty() || (!b.methods().isEmpty() && a.methods().containsAll(b.methods()));
    }

    /** {@code b}'s paths are at most its exact path, else its prefix, else anything. */
    private static boolean coversPath(MatchConfig a, MatchConfig b) {
        if (a.path() != null && !a.path().equals(b.path())) {
            return false;
        }
        if (a.pathPrefix() == null || trimmed(a.pathPrefix()).equals("/")) {
            return true;
        }
        String narrowest = b.path() != null ? b.path() : b.pathPrefix();
        return narrowest != null && underPrefix(trimmed(a.pathPrefix()), trimmed(narrowest));
    }

    /** Segment-wise, as routing matches: {@code /a} covers {@code /a} and {@code /a/b}, not {@code /ab}. */
    private static boolean underPrefix(String prefix, String path) {
        if (prefix.equals("/")) {
            return true;
        }
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** {@code /a/} and {@code /a} mean the same prefix. */
    private static String trimmed(String p) {
        String out = p;
        while (out.length() > 1 && out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
