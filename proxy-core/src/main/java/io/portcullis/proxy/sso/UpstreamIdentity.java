package io.portcullis.proxy.sso;

import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.identity.Identity;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.routing.Route;

/**
 * What the SSO part changes in a request going upstream: the proxy's cookies are removed (an upstream
 * never sees a session, whose refresh token is the user's), and on routes with an
 * {@code assertion_header} a fresh signed assertion of the verified identity is set (client copies were
 * already scrubbed).
 */
public final class UpstreamIdentity {

    private UpstreamIdentity() {
    }

    public static void stripSessionCookies(SsoRuntime sso, HttpHeaders headers) {
        if (sso.cookies() != null) {
            sso.cookies().stripUpstream(headers);
        }
    }

    public static void assertion(SsoRuntime sso, Route route, Verdict verdict, HttpHeaders headers) {
        String header = route.config().forwarding().assertionHeader();
        Identity identity = verdict.identity();
        if (header == null || identity == null || sso.signer() == null) {
            return;
        }
        String deviceId = verdict.posture() == null ? null : verdict.posture().deviceId();
        String binding = verdict.input() == null || verdict.input().identity() == null ? null
                : verdict.input().identity().tokenBinding();
        headers.set(header, sso.signer().sign(route.id(), identity, deviceId, binding));
    }
}
