package io.portcullis.proxy.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.RouteConfig;
import io.portcullis.fixtures.config.RouteBuilder;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which requests count as a CORS preflight, and only on a route that lets them through. */
class CorsPreflightTest {

    private static final RouteConfig ALLOWING = RouteBuilder.route("api").policy("users")
            .access(a -> a.withCorsPreflight(true)).build();
    private static final RouteConfig AUTHENTICATING = RouteBuilder.route("api").policy("users").build();

    private static AccessRequest request(RouteConfig route, String method, String... headerPairs) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.computeIfAbsent(headerPairs[i], k -> new java.util.ArrayList<>()).add(headerPairs[i + 1]);
        }
        return new AccessRequest(new AccessRequest.Target(new Route(route, null, List.of()), method, "app.test",
                "/api/x", null, null), name -> headers.getOrDefault(name, List.of()),
                new AccessRequest.Peer(InetAddress.getLoopbackAddress(), InetAddress.getLoopbackAddress(), null),
                Instant.EPOCH, "r");
    }

    @Test
    void aRealPreflightPassesOnAnAllowingRoute() {
        assertTrue(CorsPreflight.passes(request(ALLOWING, "OPTIONS",
                "Origin", "https://app.example", "Access-Control-Request-Method", "PUT")));
        assertTrue(CorsPreflight.passes(request(ALLOWING, "OPTIONS",
                "origin", "null", "access-control-request-method", "DELETE", "Access-Control-Request-Headers", "x-a")));
    }

    @Test
    void anythingElseIsAuthenticated() {
        assertFalse(CorsPreflight.passes(request(AUTHENTICATING, "OPTIONS",
                "Origin", "https://app.example", "Access-Control-Request-Method", "PUT")), "route does not allow");
        assertFalse(CorsPreflight.passes(request(ALLOWING, "OPTIONS")), "plain OPTIONS");
        assertFalse(CorsPreflight.passes(request(ALLOWING, "OPTIONS", "Origin", "https://app.example")), "no method");
        assertFalse(CorsPreflight.passes(request(ALLOWING, "OPTIONS", "Access-Control-Request-Method", "PUT")), "no origin");
        assertFalse(CorsPreflight.passes(request(ALLOWING, "GET",
                "Origin", "https://app.example", "Access-Control-Request-Method", "PUT")), "not OPTIONS");
        assertFalse(CorsPreflight.passes(request(ALLOWING, "OPTIONS",
                "Origin", "https://app.example", "Access-Control-Request-Method", "PUT X")), "method not a token");
        assertFalse(CorsPreflight.passes(request(ALLOWING, "OPTIONS", "Origin", " ",
                "Access-Control-Request-Method", "PUT")), "blank origin");
        assertFalse(CorsPreflight.passes(request(ALLOWING, "OPTIONS", "Origin", "https://a.example",
                "Origin", "https://b.example", "Access-Control-Request-Method", "PUT")), "two origins");
    }

    @Test
    void thePassingDecisionForwardsWithItsOwnReasonAndNoIdentity() {
        AccessDecision d = CorsPreflight.FORWARD_NOW.join();
        assertEquals(io.portcullis.proxy.auth.Verdict.Kind.FORWARD, d.verdict().kind());
        assertEquals(List.of("cors-preflight"), d.verdict().reasons());
        assertEquals(null, d.verdict().identity());
    }
}
