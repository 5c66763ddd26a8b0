package io.portcullis.proxy.forward;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.portcullis.identity.Identity;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.routing.Route;
import io.portcullis.proxy.server.ws.WebSocketUpgrade;
import io.portcullis.proxy.sso.UpstreamIdentity;
import java.net.InetAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The headers of an authorized request on its way upstream, rewritten in place: a function of the
 * client's headers, the config and the request's facts, with no channel in sight. Order matters: what
 * the client may not say is removed first (hop-by-hop, identity and internal names, the proxy's
 * session cookies, path and method overrides, address headers from an untrusted peer, Authorization
 * unless the route passes it, the route's {@code request_headers.remove}), then what only the proxy may
 * say is set (X-Forwarded-*, X-Request-Id, identity headers, {@code request_headers.set}, the signed
 * assertion).
 */
public final class RequestRewrite {

    private static final Logger LOG = LoggerFactory.getLogger(RequestRewrite.class);
    private static final AsciiString DPOP = AsciiString.cached("DPoP");

    /**
     * What the rewrite reads of one request. The exchange implements it, so a request allocates
     * nothing for it.
     */
    public interface Facts {

        /** The route that authorized the request. */
        Route route();

        /** The verdict (its identity and posture) that let the request through. */
        Verdict verdict();

        /** The TCP peer. */
        InetAddress peer();

        /** Whether the peer is one of {@code trusted_proxies}. */
        boolean peerTrusted();

        /** {@code http} or {@code https}: how the client reached us. */
        String scheme();

        /** The request id the decision line carries. */
        String requestId();

        /** Whether this is a WebSocket handshake the route forwards. */
        boolean websocket();
    }

    private RequestRewrite() {
    }

    /** Rewrites {@code h} for the upstream. */
    public static void apply(HttpHeaders h, RuntimeConfig rc, Facts facts) {
        Route route = facts.route();
        String postureHeader = rc.config().identity().devicePosture().header();
        String posture = route.config().forwarding().passDevicePosture() ? h.get(postureHeader) : null;
        boolean chunked = h.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
        HopByHop.strip(h);
        if (facts.websocket()) {
            // Upgrade is hop-by-hop and stripped, except for a WebSocket handshake on a route that allows it
            WebSocketUpgrade.restoreHandshakeHeaders(h);
        }
        h.remove(HttpHeaderNames.EXPECT);
        rc.scrubber().scrub(h);
        UpstreamIdentity.stripSessionCookies(rc.sso(), h);
        removeAll(h, ForwardHeaders.OVERRIDE);
        route.headerRules().remove().apply(h);
        // A proof is for us, and would let whoever reads it upstream learn the client's key use.
        h.remove(DPOP);
        if (!route.config().forwarding().passAuthorization()) {
            h.remove(HttpHeaderNames.AUTHORIZATION);
        }
        if (posture != null) {
            h.set(postureHeader, posture);
        }
        addressHeaders(h, facts.peer(), facts.peerTrusted());
        String host = h.get(HttpHeaderNames.HOST);
        if (!h.contains(ForwardHeaders.X_FORWARDED_PROTO)) {
            h.set(ForwardHeaders.X_FORWARDED_PROTO, facts.scheme());
        }
        if (host != null && !h.contains(ForwardHeaders.X_FORWARDED_HOST)) {
            h.set(ForwardHeaders.X_FORWARDED_HOST, host);
        }
        h.set(ForwardHeaders.X_REQUEST_ID, facts.requestId());
        identityHeaders(h, route.identityHeaders(), facts.verdict().identity(), facts.requestId());
        if (!route.headerRules().set().isEmpty()) {
            route.headerRules().setOn(h, new SetHeaderRule.Facts(facts.verdict().identity(),
                    facts.verdict().posture(), facts.requestId(), route.id()));
        }
        UpstreamIdentity.assertion(rc.sso(), route, facts.verdict(), h);
        if (chunked) {
            h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
    }

    /**
     * X-Forwarded-For and its relatives: a trusted proxy's chain is extended with it, and its other
     * address headers kept; from anyone else they are all replaced by what we saw, the TCP peer.
     */
    static void addressHeaders(HttpHeaders h, InetAddress peer, boolean peerTrusted) {
        String peerText = peer.getHostAddress();
        if (peerTrusted) {
            List<String> xff = h.getAll(ForwardHeaders.XFF);
            h.set(ForwardHeaders.XFF, xff.isEmpty() ? peerText : String.join(", ", xff) + ", " + peerText);
        } else {
            removeAll(h, ForwardHeaders.ADDRESS);
            h.set(ForwardHeaders.XFF, peerText);
        }
    }

    /** The route's identity headers from the verified identity's claims; a value that can't be sent is left out. */
    static void identityHeaders(HttpHeaders h, List<IdentityHeaderRule> rules, Identity identity, String requestId) {
        if (identity == null) {
            return;
        }
        for (int i = 0, n = rules.size(); i < n; i++) {
            IdentityHeaderRule rule = rules.get(i);
            IdentityHeaderRule.Rendered r = rule.render(identity.claims());
            if (r.value() != null) {
                h.set(rule.header(), r.value());
            } else if (r.omission() != IdentityHeaderRule.Omission.ABSENT) {
                LOG.warn("request {}: identity header {} left out ({}) for claim {}", requestId, rule.header(),
                        r.omission(), rule.claim());
            }
        }
    }

    private static void removeAll(HttpHeaders h, AsciiString[] names) {
        for (AsciiString name : names) {
            h.remove(name);
        }
    }
}
