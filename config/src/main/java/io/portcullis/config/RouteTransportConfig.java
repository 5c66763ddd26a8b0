package io.portcullis.config;

/**
 * A route's transport options.
 *
 * @param websocket            forward authorized {@code Upgrade: websocket} requests and relay the
 *                             connection after a 101
 * @param websocketTokenExpiry close a relayed WebSocket when the token that opened it expires
 * @param upstreamTls          TLS settings for an {@code https} upstream; null = system defaults
 */
public record RouteTransportConfig(boolean websocket, boolean websocketTokenExpiry, UpstreamTlsConfig upstreamTls) {

    /** No WebSocket, default upstream TLS. */
    public static RouteTransportConfig defaults() {
        return new RouteTransportConfig(false, false, null);
    }
}
