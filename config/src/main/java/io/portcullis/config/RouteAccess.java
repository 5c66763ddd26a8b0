package io.portcullis.config;

import java.util.List;

/**
 * Who may use a route: the policy that decides it and what happens around the decision.
 *
 * @param policy       id of the enforced policy (declared under {@code policies}); never null in a
 *                     loaded config, since a route without a policy would have nothing to deny with
 * @param shadowPolicy id of a policy evaluated beside {@code policy} for comparison only, or null
 * @param login        unauthenticated browsers are sent to the SSO login instead of a 401
 * @param scopesSupported scopes a client may ask for to use the route, published in its RFC 9728
 *                     metadata ({@code scopes_supported}); informational, never enforced; empty = not published
 * @param corsPreflight a CORS preflight ({@code OPTIONS} with {@code Origin} and
 *                     {@code Access-Control-Request-Method}) goes upstream without a credential
 *                     ({@code cors_preflight: allow}); browsers never send credentials on one
 */
public record RouteAccess(String policy, String shadowPolicy, boolean login, List<String> scopesSupported,
                          boolean corsPreflight) {

    public RouteAccess {
        scopesSupported = scopesSupported == null ? List.of() : List.copyOf(scopesSupported);
    }

    /** Without published scopes, preflights authenticated. */
    public RouteAccess(String policy, String shadowPolicy, boolean login) {
        this(policy, shadowPolicy, login, List.of(), false);
    }

    /** Enforces {@code policy}, no shadow policy, no browser login, preflights authenticated. */
    public static RouteAccess defaults(String policy) {
        return new RouteAccess(policy, null, false);
    }

    public RouteAccess withShadowPolicy(String shadow) {
        return new RouteAccess(policy, shadow, login, scopesSupported, corsPreflight);
    }

    public RouteAccess withLogin(boolean on) {
        return new RouteAccess(policy, shadowPolicy, on, scopesSupported, corsPreflight);
    }

    public RouteAccess withScopesSupported(List<String> scopes) {
        return new RouteAccess(policy, shadowPolicy, login, scopes, corsPreflight);
    }

    public RouteAccess withCorsPreflight(boolean allow) {
        return new RouteAccess(policy, shadowPolicy, login, scopesSupported, allow);
    }
}
