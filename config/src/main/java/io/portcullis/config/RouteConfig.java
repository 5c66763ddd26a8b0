package io.portcullis.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One route: what it matches, where it forwards, which policy guards it.
 *
 * @param identityHeaders     header name → claim name, sent upstream (insertion order kept)
 * @param passAuthorization   forward the client's {@code Authorization} header (default false)
 * @param passDevicePosture   forward the device-posture header (default false)
 * @param timeout             time allowed for the upstream to answer, and for the whole forwarded
 *                            exchange (null = global default for the answer, no total limit)
 * @param maxBodyBytes        largest request body accepted (null = global default)
 * @param transport           WebSocket and upstream TLS options
 * @param login               unauthenticated browsers are sent to the SSO login instead of a 401
 * @param assertionHeader     header carrying the signed identity assertion upstream (null = none)
 * @param shadowPolicy        id of a policy evaluated beside {@code policy} for comparison only, or null
 * @param rateLimit           per-caller token bucket, or null for none
 */
public record RouteConfig(
        String id,
        MatchConfig match,
        URI upstream,
        String policy,
        Map<String, String> identityHeaders,
        boolean passAuthorization,
        boolean passDevicePosture,
        Duration timeout,
        Long maxBodyBytes,
        Position position,
        RouteTransportConfig transport,
        boolean login,
        String assertionHeader,
        String shadowPolicy,
        RateLimitConfig rateLimit) {

    public RouteConfig {
        identityHeaders = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(identityHeaders));
        transport = transport == null ? RouteTransportConfig.defaults() : transport;
    }

    /** A route without a rate limit. */
    public RouteConfig(String id, MatchConfig match, URI upstream, String policy, Map<String, String> identityHeaders,
                       boolean passAuthorization, boolean passDevicePosture, Duration timeout, Long maxBodyBytes,
                       Position position, RouteTransportConfig transport, boolean login, String assertionHeader,
                       String shadowPolicy) {
        this(id, match, upstream, policy, identityHeaders, passAuthorization, passDevicePosture, timeout, maxBodyBytes,
                position, transport, login, assertionHeader, shadowPolicy, null);
    }

    /** A route without a shadow policy. */
    public RouteConfig(String id, MatchConfig match, URI upstream, String policy, Map<String, String> identityHeaders,
                       boolean passAuthorization, boolean passDevicePosture, Duration timeout, Long maxBodyBytes,
                       Position position, RouteTransportConfig transport, boolean login, String assertionHeader) {
        this(id, match, upstream, policy, identityHeaders, passAuthorization, passDevicePosture, timeout, maxBodyBytes,
                position, transport, login, assertionHeader, null);
    }

    /** A route with default transport options, without browser login or identity assertion. */
    public RouteConfig(String id, MatchConfig match, URI upstream, String policy, Map<String, String> identityHeaders,
                       boolean passAuthorization, boolean passDevicePosture, Duration timeout, Long maxBodyBytes,
                       Position position) {
        this(id, match, upstream, policy, identityHeaders, passAuthorization, passDevicePosture, timeout, maxBodyBytes,
                position, RouteTransportConfig.defaults(), false, null);
    }

    /** A route with the given transport options, without browser login or identity assertion. */
    public RouteConfig(String id, MatchConfig match, URI upstream, String policy, Map<String, String> identityHeaders,
                       boolean passAuthorization, boolean passDevicePosture, Duration timeout, Long maxBodyBytes,
                       Position position, RouteTransportConfig transport) {
        this(id, match, upstream, policy, identityHeaders, passAuthorization, passDevicePosture, timeout, maxBodyBytes,
                position, transport, false, null);
    }

    /** A route with default transport options and the given login and assertion settings. */
    public RouteConfig(String id, MatchConfig match, URI upstream, String policy, Map<String, String> identityHeaders,
                       boolean passAuthorization, boolean passDevicePosture, Duration timeout, Long maxBodyBytes,
                       Position position, boolean login, String assertionHeader) {
        this(id, match, upstream, policy, identityHeaders, passAuthorization, passDevicePosture, timeout, maxBodyBytes,
                position, RouteTransportConfig.defaults(), login, assertionHeader);
    }
}
