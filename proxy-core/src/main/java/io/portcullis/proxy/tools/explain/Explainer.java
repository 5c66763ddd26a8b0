package io.portcullis.proxy.tools.explain;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.Identity;
import io.portcullis.identity.IdentityService;
import io.portcullis.identity.PostureResult;
import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicySet;
import io.portcullis.policy.RequestFacts;
import io.portcullis.proxy.observe.ShadowResult;
import io.portcullis.proxy.routing.Router;
import io.portcullis.proxy.access.stage.AuthZenPdps;
import io.portcullis.proxy.tools.OfflineAuthorizer;
import io.portcullis.proxy.tools.OfflineEvaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides one request like the proxy, with the tokens verified for real by the identity service
 * (keys fetched from the configured issuers) and its binding checked by the proxy's sender-constraint
 * check (against a given DPoP proof or client certificate), and traces each criterion of the route's policy.
 */
public final class Explainer {

    /** How long to wait for an issuer's keys before giving up. */
    public static final Duration KEY_WAIT = Duration.ofSeconds(30);

    private final PortcullisConfig config;
    private final Router router;
    private final IdentityService identityService;
    private final PolicySet policies;

    public Explainer(PortcullisConfig config, PolicySet policies, Router router, IdentityService identityService) {
        this.config = config;
        this.policies = policies;
        this.router = router;
        this.identityService = identityService;
    }

    public Explanation explain(ExplainRequest request) throws InterruptedException, TimeoutException {
        Identity identity = null;
        String tokenProblem = null;
        if (request.token() != null) {
            AuthResult auth = await(identityService.authenticate(request.token()));
            if (auth instanceof AuthResult.Authenticated ok) {
                identity = ok.identity();
            } else {
                tokenProblem = ((AuthResult.Rejected) auth).reason().code();
            }
        }
        BindingExplanation binding = null;
        if (identity != null) {
            binding = BindingExplanation.check(config.identity().issuers(), identity, request.token(),
                    request.dpopProof(), request.certificate(), request.method(), request.origin() + request.path());
        }
        // A refused binding makes the request anonymous, as in the proxy: the policy never sees the token.
        Identity decided = binding != null && binding.refused() ? null : identity;
        if (decided == null && identity != null) {
            tokenProblem = binding.refusal();
        }
        DevicePosture posture = null;
        String postureProblem = null;
        boolean postureExpected = request.deviceToken() != null || config.identity().devicePosture().claimsFromIdentityToken() != null;
        if (decided != null && postureExpected) {
            PostureResult p = await(identityService.posture(request.deviceToken(), decided));
            if (p instanceof PostureResult.Present present) {
                posture = present.posture();
            } else {
                postureProblem = ((PostureResult.Absent) p).reason();
            }
        }
        IdentityFacts idf = decided == null ? null
                : new IdentityFacts(decided.issuer(), decided.subject(), decided.claims(),
                        binding == null ? null : binding.binding());
        DeviceFacts df = posture == null ? null
                : new DeviceFacts(posture.deviceId(), posture.source(), posture.attributes());
        RequestFacts facts = new RequestFacts(request.method(), request.host(), request.path(), request.sourceIp());
        OfflineEvaluation evaluation = new OfflineAuthorizer(router, AuthZenPdps.forConfig(config))
                .decide(facts, idf, df, Instant.now(),
                tokenProblem == null ? "token-missing" : tokenProblem);
        List<CriterionTrace> criteria = evaluation.decision() == null ? List.of()
                : new RuleTracer(config).trace(evaluation.decision().policy(), evaluation.input());
        return new Explanation(tokenProblem, identity, binding, postureProblem, posture, evaluation, criteria,
                evaluation.route() == null ? null : ShadowResult.forRoute(evaluation.route().config(), policies,
                        evaluation.decision(), evaluation.input()));
    }


    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws InterruptedException, TimeoutException {
        try {
            return f.get(KEY_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // The identity service completes with a result, never an exception; if it ever does, say so plainly.
            throw new IllegalStateException("token verification failed unexpectedly", e.getCause());
        }
    }
}
