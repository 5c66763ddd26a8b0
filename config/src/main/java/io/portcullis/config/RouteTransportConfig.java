package io.portcullis.config;

/**
 * A route's transport options.
 *
 * @param websocket            forward authorized {@code Upgrade: websocket} requests and relay the
 *                             connection after a 101
 * @param websocketTokenExpiry close a relayed WebSocket when the token that opened it expires
 * @param upstreamTls          TLS settings for an {@code https} upstream; null = system defaults
 * @param liveExpiry           re-evaluate a live exchange (WebSocket, streaming response) when the
 *                             credential it was allowed with expires, and close it unless still allowed
 */
public record RouteTransportConfig(boolean websocket, boolean websocketTokenExpiry, UpstreamTlsConfig upstreamTls,
                                   boolean liveExpiry) {

    /** No WebSocket, default upstream TLS. */
    public static RouteTransportConfig defaults() {
        return new RouteTransportConfig(false, false, null, true);
    }
}
