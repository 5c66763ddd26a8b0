package io.portcullis.config;

import java.net.URI;

/**
 * One route: what it matches, where it forwards, and its settings grouped by concern. A new route
 * setting is a field of one of the groups, never a new component or constructor here.
 *
 * @param id         unique across every file of the config
 * @param match      what requests the route takes
 * @param upstream   where allowed requests go
 * @param access     the policy that decides, shadow policy, browser login
 * @param forwarding what the upstream is told about the caller
 * @param limits     body size, timeout, rate limit
 * @param transport  WebSocket and upstream TLS options
 * @param position   where the route was declared
 */
public record RouteConfig(
        String id,
        MatchConfig match,
        URI upstream,
        RouteAccess access,
        RouteForwarding forwarding,
        RouteLimits limits,
        RouteTransportConfig transport,
        Position position) {

    public RouteConfig {
        forwarding = forwarding == null ? RouteForwarding.defaults() : forwarding;
        limits = limits == null ? RouteLimits.defaults() : limits;
        transport = transport == null ? RouteTransportConfig.defaults() : transport;
    }
}
