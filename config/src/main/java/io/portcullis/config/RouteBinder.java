package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Binds one entry of {@code routes}; the policy it names, and its shadow policy if any, must be
 * declared in {@code policies}, and the enforced one must not be in shadow mode.
 */
final class RouteBinder {

    private RouteBinder() {
    }

    /**
     * @param identityIssuers whether any issuer vouches for users; without one only a public policy
     *                        can ever allow, so naming another is reported
     */
    static RouteConfig bind(Node node, String path, Map<String, PolicySpec> policies, boolean identityIssuers,
            Problems problems) {
        MapReader r = MapReader.of(node, path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        String id = r.required("id", Ids.routeId());
        MatchConfig match = r.required("match", MatchBinder::bind);
        URI upstream = r.required("upstream", Values.parsed(HttpUrls::parse));
        String policy = r.required("policy", Values.string());
        if (policy != null) {
            Position at = r.node("policy").orElseThrow().position();
            PolicySpec spec = policies.get(policy);
            if (!policies.containsKey(policy)) {
                problems.add(at, r.path("policy"), "unknown policy '" + policy + "'"
                        + KeySuggester.hint(policy, policies.keySet(), "policies"));
            } else if (spec != null && spec.isShadow()) {
                problems.add(at, r.path("policy"), "policy '" + policy
                        + "' is in shadow mode, so it is never enforced; name it as shadow_policy");
            } else if (spec != null && !identityIssuers && !PublicPolicy.isPublic(spec)) {
                problems.add(at, r.path("policy"),
                        "policy '" + policy + "' needs an identity, but no issuer vouches for users");
            }
        }
        String shadow = r.optional("shadow_policy", Values.string(), null);
        if (shadow != null) {
            Position at = r.node("shadow_policy").orElseThrow().position();
            if (!policies.containsKey(shadow)) {
                problems.add(at, r.path("shadow_policy"), "unknown policy '" + shadow + "'"
                        + KeySuggester.hint(shadow, policies.keySet(), "policies"));
            } else if (shadow.equals(policy)) {
                problems.add(at, r.path("shadow_policy"), "is the enforced policy itself; comparing it tells nothing");
            }
        }
        Map<String, String> headers = r.optional("identity_headers", IdentityHeadersBinder::bind, Map.of());
        boolean passAuthorization = r.optional("pass_authorization", Values.bool(), false);
        boolean passDevicePosture = r.optional("pass_device_posture", Values.bool(), false);
        Duration timeout = r.optional("timeout", Values.positiveDuration(), null);
        Long maxBody = r.optional("max_body_bytes", Values.byteSize(0, Long.MAX_VALUE), null);
        RouteTransportConfig transport = RouteTransportBinder.bind(r, upstream, problems);
        boolean login = r.optional("login", Values.bool(), false);
        boolean corsPreflight = r.optional("cors_preflight", Values.parsed(RouteBinder::corsPreflight), false);
        String assertionHeader = r.optional("assertion_header", Values.parsed(RouteBinder::assertionHeader), null);
        RateLimitConfig rateLimit = r.optional("rate_limit", RateLimitBinder::bind, null);
        List<String> scopes = r.optional("scopes_supported", Values.listOf(Values.parsed(RouteBinder::scope)), List.of());
        Map<String, String> taken = RequestHeadersBinder.takenBy(headers, assertionHeader, path);
        RequestHeaderRules requestHeaders = r.optional("request_headers",
                (n, p, pr) -> RequestHeadersBinder.bind(n, p, taken, pr), RequestHeaderRules.none());
        r.finish();
        if (id == null || match == null || upstream == null || policy == null) {
            return null;
        }
        return new RouteConfig(id, match, upstream, new RouteAccess(policy, shadow, login, scopes, corsPreflight),
                new RouteForwarding(headers, passAuthorization, passDevicePosture, assertionHeader, requestHeaders),
                new RouteLimits(maxBody, timeout, rateLimit), transport, r.position());
    }

    /** An RFC 6749 §3.3 scope token: printable ASCII without space, quote or backslash. */
    private static String scope(String scope) {
        if (scope.isEmpty() || !scope.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '"' && c != '\\')) {
            throw new IllegalArgumentException("'" + scope + "' is not a scope (printable ASCII, no space, quote or backslash)");
        }
        return scope;
    }

    private static boolean corsPreflight(String value) {
        return switch (value) {
            case "allow" -> true;
            case "authenticate" -> false;
            default -> throw new IllegalArgumentException("expected allow or authenticate, got '" + value + "'");
        };
    }

    private static String assertionHeader(String name) {
        String why = HeaderNames.whyNotSettable(name);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return name;
    }
}
