package io.portcullis.config;

import java.util.List;

/**
 * Route features that need a top-level block: {@code login: true} needs {@code sso}, and
 * {@code assertion_header} needs {@code assertion}. Reported at the route, where the fix usually is.
 */
final class RouteFeatureChecks {

    private RouteFeatureChecks() {
    }

    static void check(MapReader top, List<RouteConfig> routes, Problems problems) {
        boolean sso = top.node("sso").isPresent();
        boolean assertion = top.node("assertion").isPresent();
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            if (route.access().login() && !sso) {
                problems.add(route.position(), "routes[" + i + "].login", "needs a top-level sso block");
            }
            if (route.forwarding().assertionHeader() != null && !assertion) {
                problems.add(route.position(), "routes[" + i + "].assertion_header",
                        "needs a top-level assertion block");
            }
        }
    }
}
