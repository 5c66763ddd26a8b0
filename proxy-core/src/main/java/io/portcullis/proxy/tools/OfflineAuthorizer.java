package io.portcullis.proxy.tools;

import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.RiskFacts;
import io.portcullis.proxy.access.AccessPipeline;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.access.authn.FactsAuthenticator;
import io.portcullis.proxy.access.stage.ExternalDecisionStage;
import io.portcullis.proxy.access.stage.GivenPosture;
import io.portcullis.proxy.access.stage.GivenRisk;
import io.portcullis.proxy.access.stage.RateLimitStage;
import io.portcullis.proxy.access.stage.RoutePolicy;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.edge.CanonicalPath;
import io.portcullis.proxy.routing.Route;
import io.portcullis.proxy.routing.Router;
import io.portcullis.proxy.server.TracingMethods;
import java.time.Instant;
import java.util.List;

/**
 * Decides a request without a network, as the proxy does: canonical path → route (same
 * {@link Router}) → the proxy's own {@link AccessPipeline}, with stages that hold the given facts
 * instead of reading tokens ({@link FactsAuthenticator}, {@link GivenPosture}, {@link GivenRisk}): no
 * identity on a route that needs one is a deny ({@code token-missing}, the proxy's 401), else the
 * route's policy. The facts are hand-written in a policy test, verified for real by {@code explain}.
 */
public final class OfflineAuthorizer {

    private final Router router;
    private final ExternalDecisionStage pdps;

    /** Asks no external PDP: {@code authzen} criteria are unknown (policy tests, the AuthZEN PDP endpoint). */
    public OfflineAuthorizer(Router router) {
        this(router, ExternalDecisionStage.NONE);
    }

    /**
     * @param pdps the external PDPs {@code authzen} criteria ask; a decision then waits for them (at most
     *             their time-outs), so only a tool off the event loop ({@code explain}) passes real ones
     */
    public OfflineAuthorizer(Router router, ExternalDecisionStage pdps) {
        this.router = router;
        this.pdps = pdps;
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
        AccessPipeline pipeline = new AccessPipeline(List.of(new FactsAuthenticator(identity, noIdentityReason)),
                new GivenPosture(device), new GivenRisk(risk), RoutePolicy.INSTANCE, RateLimitStage.NONE, pdps);
        AccessRequest access = new AccessRequest(
                new AccessRequest.Target(route, request.method(), request.host(), path, null, null), request.headers(),
                new AccessRequest.Peer(request.sourceIp(), request.sourceIp(), null), now, "offline");
        // Every stage here is given its facts, so the pipeline answers at once, unless real PDPs are asked.
        Verdict v = pipeline.decide(access, AccessState.NONE).join().verdict();
        ProxyAnswer answer = switch (v.kind()) {
            case FORWARD -> ProxyAnswer.ALLOW;
            case FORBIDDEN, UNAUTHENTICATED -> ProxyAnswer.DENY;
            case CHALLENGE -> ProxyAnswer.CHALLENGE;
            case BAD_REQUEST -> ProxyAnswer.REJECT;
        };
        return new OfflineEvaluation(answer, route, path, v.reasons(), v.decision(), v.input());
    }
}
