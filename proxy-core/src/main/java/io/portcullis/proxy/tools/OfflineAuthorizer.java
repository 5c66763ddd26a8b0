package io.portcullis.proxy.tools;

import io.portcullis.policy.Decision;
import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.RiskFacts;
import io.portcullis.proxy.edge.CanonicalPath;
import io.portcullis.proxy.routing.Route;
import io.portcullis.proxy.routing.Router;
import io.portcullis.proxy.server.TracingMethods;
import java.time.Instant;
import java.util.List;

/**
 * Decides a request without a network, in the proxy's order: canonical path → route (same
 * {@link Router}) → no identity on a route that needs one is a deny ({@code token-missing}, the
 * proxy's 401) → the route's policy. Tokens are not involved: the caller supplies verified facts
 * (hand-written in a policy test, verified for real by {@code explain}).
 */
public final class OfflineAuthorizer {

    private final Router router;

    public OfflineAuthorizer(Router router) {
        this.router = router;
    }

    /** {@code request.path()} is the request-target as a client would send it; it is canonicalized first. */
    public OfflineEvaluation decide(RequestFacts request, IdentityFacts identity, DeviceFacts device, Instant now) {
        return decide(request, identity, device, now, "token-missing");
    }

    /**
     * @param noIdentityReason the reason when a route needs an identity and there is none: the
     *                         proxy's {@code token-missing}, or why a presented token was refused
     */
    public OfflineEvaluation decide(RequestFacts request, IdentityFacts identity, DeviceFacts device, Instant now,
                                    String noIdentityReason) {
        return decide(request, identity, device, null, now, noIdentityReason);
    }

    /** @param risk the risk signals the policy sees, or null for none (every {@code risk} test UNKNOWN) */
    public OfflineEvaluation decide(RequestFacts request, IdentityFacts identity, DeviceFacts device, RiskFacts risk,
                                    Instant now, String noIdentityReason) {
        CanonicalPath.Result target = CanonicalPath.parse(request.path(), false);
        if (!(target instanceof CanonicalPath.Canonical canonical)) {
            String reason = target instanceof CanonicalPath.Rejected r ? r.reason() : "path-not-routable";
            return new OfflineEvaluation(ProxyAnswer.REJECT, null, null, List.of(reason), null, null);
        }
        String path = canonical.path();
        Route route = router.match(request.host(), path, request.method());
        if (route == null) {
            return new OfflineEvaluation(ProxyAnswer.NO_ROUTE, null, path, List.of("no-route"), null, null);
        }
        if (TracingMethods.refused(request.method(), route)) {
            return new OfflineEvaluation(ProxyAnswer.REJECT, route, path, List.of("method-not-allowed"), null, null);
        }
        if (identity == null && !route.policy().allowsAnonymous()) {
            return new OfflineEvaluation(ProxyAnswer.DENY, route, path, List.of(noIdentityReason), null, null);
        }
        RequestFacts routed = new RequestFacts(request.method(), request.host(), path, request.sourceIp(),
                request.headers());
        PolicyInput input = new PolicyInput(routed, identity, device, now, risk);
        Decision d = route.policy().evaluate(input);
        ProxyAnswer answer = switch (d.outcome()) {
            case ALLOW -> ProxyAnswer.ALLOW;
            case DENY -> ProxyAnswer.DENY;
            case CHALLENGE -> ProxyAnswer.CHALLENGE;
        };
        return new OfflineEvaluation(answer, route, path, d.reasons(), d, input);
    }
}
