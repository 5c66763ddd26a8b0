package io.portcullis.proxy.access;

import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.RequestHeaders;
import io.portcullis.proxy.auth.ClientCertificate;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.time.Instant;

/**
 * One request as the access decision sees it, with no transport type in it: what was asked, by which
 * connection, when. Later facts join one of the sub-records, never this constructor.
 *
 * @param target    the routed request
 * @param headers   the request's header fields (names match ignoring case)
 * @param peer      who sent it
 * @param time      when it is decided (the policy's {@code now})
 * @param requestId the request id the decision log and the client see
 * @param trace     where the decision's steps are traced; {@link AccessTrace#OFF} unless the request is
 */
public record AccessRequest(Target target, RequestHeaders headers, Peer peer, Instant time, String requestId,
                            AccessTrace trace) {

    /** A request whose decision is not traced (an offline check, a re-evaluation, a test). */
    public AccessRequest(Target target, RequestHeaders headers, Peer peer, Instant time, String requestId) {
        this(target, headers, peer, time, requestId, AccessTrace.OFF);
    }

    /**
     * What was asked.
     *
     * @param route    the route that took it
     * @param method   the HTTP method
     * @param host     the Host header, "" when absent
     * @param path     the canonical path that was routed
     * @param rawQuery the query as sent, without {@code ?}, or null
     * @param origin   {@code scheme://host[:port]} as the client addressed us: {@code sso.external_url}
     *                 when set, else the listener's scheme and the Host (a trusted proxy's
     *                 X-Forwarded-Proto/Host); what a DPoP proof's {@code htu} is checked against;
     *                 null when the request carries no proof
     */
    public record Target(Route route, String method, String host, String path, String rawQuery, String origin) {
    }

    /**
     * Who sent it.
     *
     * @param address     the TCP peer
     * @param client      the client address resolved through trusted proxies (the policy's source IP)
     * @param certificate the client certificate the TLS handshake verified, or null
     * @param provenDpopKey the JWK thumbprint of a DPoP key this sender already proved it holds for this
     *                    exchange (a live connection decided again: its proof was checked, and its one-time
     *                    {@code jti} spent, when it was opened), or null for a request to prove it now
     */
    public record Peer(InetAddress address, InetAddress client, ClientCertificate certificate, String provenDpopKey) {

        /** A sender that has proven nothing yet: every request of the listener. */
        public Peer(InetAddress address, InetAddress client, ClientCertificate certificate) {
            this(address, client, certificate, null);
        }
    }

    /** The route the request was matched to. */
    public Route route() {
        return target.route();
    }

    /** The request facts a policy sees. */
    public RequestFacts facts() {
        return new RequestFacts(target.method(), target.host(), target.path(), peer.client(), headers);
    }
}
