package io.portcullis.policy;

import java.net.InetAddress;

/**
 * What the proxy knows about the request itself. {@code path} is the canonical path, the same one
 * used for routing and forwarding. {@code sourceIp} is the TCP peer, or the client address taken
 * from {@code X-Forwarded-For} when the peer is a trusted proxy. {@code headers} is null when the
 * caller supplies no header access; {@code header} criteria are then UNKNOWN.
 */
public record RequestFacts(String method, String host, String path, InetAddress sourceIp, RequestHeaders headers) {

    /** Request facts without header access. */
    public RequestFacts(String method, String host, String path, InetAddress sourceIp) {
        this(method, host, path, sourceIp, null);
    }
}
