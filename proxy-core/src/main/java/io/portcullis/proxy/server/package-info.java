/**
 * The data-plane transport: the listener ({@link io.portcullis.proxy.server.ProxyServer}), each
 * connection's pipeline, and the request path on it. A {@link io.portcullis.proxy.server.ClientConnection}
 * owns what belongs to a connection (pipelined backlog, half-close, wait timer, shutdown drain, the
 * edge's refusals as events); an {@link io.portcullis.proxy.server.Exchange} walks one request through
 * admission, the access decision, and a local answer or the forward, its progress one
 * {@link io.portcullis.proxy.server.ExchangeState}; an {@link io.portcullis.proxy.server.UpstreamLeg}
 * is its upstream side (pool, retry, relay, response watch). May import Netty, {@code config},
 * {@code identity}, {@code policy} and the proxy's {@code edge}, {@code forward}, {@code routing},
 * {@code auth}, {@code sso}, {@code errors}, {@code observe}, {@code ratelimit} and {@code risk}
 * packages; nothing imports it but the top-level wiring ({@code Portcullis}) and the CLI.
 */
package io.portcullis.proxy.server;
