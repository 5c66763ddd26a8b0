package io.portcullis.proxy.routing;

import io.portcullis.config.HostPattern;
import io.portcullis.config.MatchConfig;
import io.portcullis.config.RouteConfig;
import io.portcullis.policy.Policy;
import io.portcullis.proxy.forward.IdentityHeaderRule;
import io.portcullis.proxy.forward.RouteHeaderRules;
import java.util.List;

/**
 * A compiled route: its matcher, policy, upstream and identity-header rules, all resolved at load
 * time so that a request only compares strings.
 */
public final class Route {

    private final RouteConfig config;
    private final Policy policy;
    private final UpstreamTarget upstream;
    private final List<IdentityHeaderRule> identityHeaders;
    private final RouteHeaderRules headerRules;
    private final HostPattern host;
    private final String prefix;

    /** A route that forwards nothing but the proxy's own headers besides its identity headers. */
    public Route(RouteConfig config, Policy policy, List<IdentityHeaderRule> identityHeaders) {
        this(config, policy, identityHeaders, RouteHeaderRules.none());
    }

    public Route(RouteConfig config, Policy policy, List<IdentityHeaderRule> identityHeaders,
                 RouteHeaderRules headerRules) {
        this.config = config;
        this.headerRules = headerRules;
        this.policy = policy;
        this.upstream = UpstreamTarget.of(config.upstream(), config.transport().upstreamTls());
        this.identityHeaders = List.copyOf(identityHeaders);
        MatchConfig m = config.match();
        this.host = m.hostPattern();
        String p = m.pathPrefix();
        // "/" and "/a/" both mean "everything under": keep the prefix without its trailing slash.
        while (p != null && p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        this.prefix = p;
    }

    public String id() {
        return config.id();
    }

    public RouteConfig config() {
        return config;
    }

    public Policy policy() {
        return policy;
    }

    public UpstreamTarget upstream() {
        return upstream;
    }

    public List<IdentityHeaderRule> identityHeaders() {
        return identityHeaders;
    }

    /** The route's {@code request_headers}, compiled. */
    public RouteHeaderRules headerRules() {
        return headerRules;
    }

    /**
     * The one host this route can take (lower case), or null when it takes a wildcard or any host.
     * {@link #matches} compares hosts ignoring ASCII case; the router looks this up with a host it
     * lower-cased, which is the same test for a pattern without upper-case letters (as the config
     * loader gives).
     */
    String exactHost() {
        if (host == null || host.isWildcard()) {
            return null;
        }
        String text = host.text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return null;
            }
        }
        return text;
    }

    /**
     * The first segment every path this route takes starts with ({@code a} for {@code /a/b}, the empty
     * string for {@code /} itself), or null when its paths may start with any (no path criterion, a
     * prefix of {@code /}, or only a regex).
     */
    String firstPathSegment() {
        String path = config.match().path();
        String constraint = path != null ? path : prefix != null && !prefix.equals("/") ? prefix : null;
        if (constraint == null || !constraint.startsWith("/")) {
            return null;
        }
        return Router.firstSegment(constraint);
    }

    /**
     * Whether this route takes the request. {@code hostNoPort} must be without a port (an exact host
     * or a {@code *.suffix} pattern is matched ignoring ASCII case);
     * {@code path} is the canonical path.
     */
    public boolean matches(String hostNoPort, String path, String method) {
        MatchConfig m = config.match();
        if (host != null && !host.matches(hostNoPort)) {
            return false;
        }
        if (!m.methods().isEmpty() && !m.methods().contains(method)) {
            return false;
        }
        if (m.path() != null && !m.path().equals(path)) {
            return false;
        }
        if (prefix != null && !segmentPrefix(prefix, path)) {
            return false;
        }
        return m.pathRegex() == null || m.pathRegex().matcher(path).matches();
    }

    /** {@code /public} matches {@code /public} and {@code /public/x}, never {@code /public-admin}. */
    static boolean segmentPrefix(String prefix, String path) {
        if (prefix.equals("/")) {
            return true;
        }
        if (!path.startsWith(prefix)) {
            return false;
        }
        return path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }
}
