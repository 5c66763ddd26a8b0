package io.portcullis.config;

import java.util.List;

/**
 * Route features that need a top-level block: {@code login: true} needs {@code sso} (or a
 * {@code decision_api.login_url}, for routes decided for another proxy), and
 * {@code assertion_header} needs {@code assertion}. Reported at the route, where the fix usually is.
 */
final class RouteFeatureChecks {

    private RouteFeatureChecks() {
    }

    static void check(MapReader top, List<RouteConfig> routes, Problems problems) {
        boolean sso = top.node("sso").isPresent() || top.node("decision_api")
                .filter(n -> n instanceof io.portcullis.config.yaml.MapNode m && m.get("login_url").isPresent())
                .isPresent();
        boolean assertion = top.node("assertion").isPresent();
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            if (route.access().login() && !sso) {
                problems.add(route.position(), "routes[" + i + "].login", "needs a top-level sso block or decision_api.login_url");
            }
            if (route.forwarding().assertionHeader() != null && !assertion) {
                problems.add(route.position(), "routes[" + i + "].assertion_header",
                        "needs a top-level assertion block");
            }
        }
    }
}
