package io.portcullis.proxy.access;

import io.portcullis.identity.binding.SenderConstraints;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.IdentityService;
import io.portcullis.policy.Decision;
import io.portcullis.policy.PdpAnswers;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.PolicySet;
import io.portcullis.proxy.access.authn.Authentication;
import io.portcullis.proxy.access.authn.Authenticator;
import io.portcullis.proxy.access.authn.BearerAuthenticator;
import io.portcullis.proxy.access.authn.SessionAuthenticator;
import io.portcullis.proxy.access.stage.AuthZenPdps;
import io.portcullis.proxy.access.stage.ExternalDecisionStage;
import io.portcullis.proxy.access.stage.PolicyStage;
import io.portcullis.proxy.access.stage.PostureOutcome;
import io.portcullis.proxy.access.stage.PostureStage;
import io.portcullis.proxy.access.stage.RateLimitStage;
import io.portcullis.proxy.access.stage.RiskStage;
import io.portcullis.proxy.access.stage.RoutePolicy;
import io.portcullis.proxy.access.stage.RouteRateLimit;
import io.portcullis.proxy.access.stage.VerifiedPosture;
import io.portcullis.proxy.access.trace.TracedAuthenticator;
import io.portcullis.proxy.access.trace.TracedPolicy;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.sso.SsoRuntime;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The access decision, in its one order: a CORS preflight on a route that lets them through is
 * forwarded ({@link CorsPreflight}) → authenticators in turn until one is responsible (none: the
 * request is anonymous, {@code token-missing}) → an anonymous request on a route that needs an
 * identity is refused → device posture → the external PDPs the policy asks → risk assessment → policy → on allow, the risk record →
 * on allow, the rate limit. Built once per loaded config; the state that outlives a config comes with
 * each call. Asynchronous only where a key or a session must be fetched: a cached token's request
 * completes synchronously, and no stage object is built for it.
 */
public final class AccessPipeline {

    /** The commonest refusal (no credential on a route that needs one), completed once and shared. */
    private static final CompletableFuture<AccessDecision> TOKEN_MISSING_NOW = CompletableFuture.completedFuture(
            AccessDecision.of(refusal(Verdict.Kind.UNAUTHENTICATED, "token-missing")));

    private final List<Authenticator> authenticators;
    private final PostureStage posture;
    private final RiskStage risk;
    private final PolicyStage policy;
    private final RateLimitStage rateLimit;
    private final ExternalDecisionStage external;

    /** A pipeline that asks no external PDP ({@code authzen} criteria are unknown). */
    public AccessPipeline(List<Authenticator> authenticators, PostureStage posture, RiskStage risk,
                          PolicyStage policy, RateLimitStage rateLimit) {
        this(authenticators, posture, risk, policy, rateLimit, ExternalDecisionStage.NONE);
    }

    public AccessPipeline(List<Authenticator> authenticators, PostureStage posture, RiskStage risk,
                          PolicyStage policy, RateLimitStage rateLimit, ExternalDecisionStage external) {
        this.authenticators = List.copyOf(authenticators);
        this.posture = posture;
        this.risk = risk;
        this.policy = policy;
        this.rateLimit = rateLimit;
        this.external = external;
    }

    /**
     * The proxy's pipeline for a config: a bearer token, else (with login on) the session cookie;
     * verified posture; the listener's risk history when a policy of {@code policies} tests a risk
     * signal (else none is kept: {@link RiskStage#forPolicies}); the route's policy and rate limit.
     */
    public static AccessPipeline forProxy(PortcullisConfig config, PolicySet policies, IdentityService identity,
                                          SsoRuntime sso, SenderConstraints constraints) {
        // Traced: each wrapper records a step only for a traced request, else calls straight through.
        List<Authenticator> authenticators = sso.loginEnabled()
                ? List.of(new TracedAuthenticator(new BearerAuthenticator(identity, true, constraints), "bearer"),
                        new TracedAuthenticator(new SessionAuthenticator(sso, Clock.systemUTC()), "session"))
                : List.of(new TracedAuthenticator(new BearerAuthenticator(identity, false, constraints), "bearer"));
        return new AccessPipeline(authenticators, new VerifiedPosture(identity, config.identity().devicePosture()),
                RiskStage.forPolicies(policies), new TracedPolicy(RoutePolicy.INSTANCE), RouteRateLimit.INSTANCE, AuthZenPdps.forConfig(config));
    }

    /**
     * Decides {@code request}. The future fails only on an internal error (a policy that throws, a key
     * fetch that broke), which the caller must treat as a deny; a client's bad credential never fails it.
     */
    public CompletableFuture<AccessDecision> decide(AccessRequest request, AccessState state) {
        try {
            if (CorsPreflight.passes(request)) {
                return CorsPreflight.FORWARD_NOW;
            }
            CompletableFuture<Authentication> authentication = authenticate(request, 0);
            if (Completed.normally(authentication)) {
                return authenticated(request, state, authentication.getNow(null));
            }
            return authentication.thenCompose(a -> authenticated(request, state, a));
        } catch (Throwable t) {
            return Completed.failure(t);
        }
    }

    private CompletableFuture<Authentication> authenticate(AccessRequest request, int from) {
        for (int i = from; i < authenticators.size(); i++) {
            CompletableFuture<Authentication> answer;
            try {
                answer = authenticators.get(i).authenticate(request);
            } catch (RuntimeException e) {
                // An authenticator must answer, not throw; if one does, its credential was unreadable.
                return CompletableFuture.completedFuture(Authentication.anonymous("credential-unreadable"));
            }
            if (!Completed.normally(answer)) {
                int next = i + 1;
                return answer.thenCompose(a -> a instanceof Authentication.NotResponsible
                        ? authenticate(request, next) : CompletableFuture.completedFuture(a));
            }
            if (!(answer.getNow(null) instanceof Authentication.NotResponsible)) {
                return answer;
            }
        }
        return Authentication.ANONYMOUS_NOW;
    }

    private CompletableFuture<AccessDecision> authenticated(AccessRequest request, AccessState state,
                                                            Authentication authentication) {
        if (authentication instanceof Authentication.Ambiguous ambiguous) {
            return CompletableFuture.completedFuture(AccessDecision.of(refusal(Verdict.Kind.BAD_REQUEST, ambiguous.reason())));
        }
        Authentication.Authenticated who = authentication instanceof Authentication.Authenticated a ? a : null;
        SessionOutcome session = who != null ? who.session() : ((Authentication.Anonymous) authentication).session();
        if (who == null && !request.route().policy().allowsAnonymous()) {
            String reason = ((Authentication.Anonymous) authentication).reason();
            if (session == SessionOutcome.NONE && "token-missing".equals(reason)) {
                return TOKEN_MISSING_NOW;
            }
            return CompletableFuture.completedFuture(
                    new AccessDecision(refusal(Verdict.Kind.UNAUTHENTICATED, reason), session, null,
                            ((Authentication.Anonymous) authentication).challenge()));
        }
        // A public route serves anonymous users: a refused credential there is ignored, never trusted.
        CompletableFuture<PostureOutcome> device = posture.posture(request, who);
        if (Completed.normally(device)) {
            try {
                return judged(request, state, who, device.getNow(null), session);
            } catch (Throwable t) {
                return Completed.failure(t);
            }
        }
        return device.thenCompose(d -> judged(request, state, who, d, session));
    }

    private CompletableFuture<AccessDecision> judged(AccessRequest request, AccessState state,
                                                    Authentication.Authenticated who, PostureOutcome device,
                                                    SessionOutcome session) {
        CompletableFuture<PdpAnswers> answers = external.answers(request, who == null ? null : who.facts());
        if (Completed.normally(answers)) {
            return judged(request, state, who, device, session, answers.getNow(null));
        }
        return answers.thenCompose(a -> judged(request, state, who, device, session, a));
    }

    private CompletableFuture<AccessDecision> judged(AccessRequest request, AccessState state,
                                                    Authentication.Authenticated who, PostureOutcome device,
                                                    SessionOutcome session, PdpAnswers answers) {
        PolicyInput input = new PolicyInput(request.facts(), who == null ? null : who.facts(), device.facts(),
                request.time(), who == null ? null : risk.assess(request, state, who.facts(), device.facts()),
                answers);
        Decision d = policy.evaluate(request, input);
        Verdict.Kind kind = switch (d.outcome()) {
            case ALLOW -> Verdict.Kind.FORWARD;
            case DENY -> Verdict.Kind.FORBIDDEN;
            case CHALLENGE -> Verdict.Kind.CHALLENGE;
        };
        Verdict verdict = new Verdict(kind, d.reasons(), d, who == null ? null : who.identity(), device.posture(),
                device.problem(), input);
        if (kind != Verdict.Kind.FORWARD) {
            return CompletableFuture.completedFuture(new AccessDecision(verdict, session, null, null));
        }
        if (who != null) {
            risk.recordAllowed(request, state, who.facts(), device.facts());
        }
        CompletableFuture<AccessDecision.RateLimited> limited = rateLimit.acquire(request, state, verdict);
        if (Completed.normally(limited)) {
            return CompletableFuture.completedFuture(afterRateLimit(verdict, session, limited.getNow(null)));
        }
        return limited.thenApply(l -> afterRateLimit(verdict, session, l));
    }

    /** The allowed verdict, or a 429's when the caller's bucket was empty. */
    private static AccessDecision afterRateLimit(Verdict allowed, SessionOutcome session,
                                                 AccessDecision.RateLimited limited) {
        if (limited == null) {
            return new AccessDecision(allowed, session, null, null);
        }
        return new AccessDecision(new Verdict(Verdict.Kind.FORBIDDEN, List.of("rate-limited"), allowed.decision(),
                allowed.identity(), allowed.posture(), allowed.postureProblem(), allowed.input()), session, limited,
                null);
    }

    private static Verdict refusal(Verdict.Kind kind, String reason) {
        return new Verdict(kind, List.of(reason), null, null, null, null);
    }
}
