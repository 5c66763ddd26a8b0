package io.portcullis.proxy.auth;

import io.portcullis.config.DevicePostureConfig;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.Identity;
import io.portcullis.identity.IdentityService;
import io.portcullis.identity.PostureResult;
import io.portcullis.policy.Decision;
import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.RiskFacts;
import io.portcullis.proxy.risk.RiskSignals;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The decision for one request, in the fixed order: authenticate (no or invalid identity → 401
 * unless the policy admits anonymous requests) → device posture → policy (deny, allow, require).
 * Asynchronous only where a key must be fetched; a cached token completes synchronously.
 */
public final class Authorizer {

    private Authorizer() {
    }

    /**
     * @param authorization   the request's Authorization header values
     * @param postureToken    the device-posture header value, or null
     */
    public static CompletableFuture<Verdict> authorize(IdentityService identityService, DevicePostureConfig postureConfig,
                                                       Policy policy, RequestFacts request,
                                                       List<String> authorization, String postureToken) {
        return authorize(identityService, postureConfig, policy, request, authorization, postureToken, null);
    }

    /**
     * As above, with the connection's verified client certificate (null when none), whose facts join
     * the device posture; see {@link CertificatePosture}.
     */
    public static CompletableFuture<Verdict> authorize(IdentityService identityService, DevicePostureConfig postureConfig,
                                                       Policy policy, RequestFacts request,
                                                       List<String> authorization, String postureToken,
                                                       ClientCertificate certificate) {
        return authorize(identityService, postureConfig, policy, request, authorization, postureToken, certificate,
                RiskSignals.NONE);
    }

    /** As above, with the risk signals the policy's {@code risk} criteria read (see {@link RiskSignals}). */
    public static CompletableFuture<Verdict> authorize(IdentityService identityService, DevicePostureConfig postureConfig,
                                                       Policy policy, RequestFacts request,
                                                       List<String> authorization, String postureToken,
                                                       ClientCertificate certificate, RiskSignals risk) {
        BearerToken.Extraction bearer = BearerToken.hashed(authorization);
        // A cached token was token68 when it was verified (only such are cached): no need to scan it again.
        CompletableFuture<AuthResult> cached = bearer.present() ? identityService.cached(bearer.presented()) : null;
        if (cached == null) {
            bearer = BearerToken.checkedToken68(bearer);
        }
        DevicePosture certOnly = CertificatePosture.merge(null, certificate);
        if (bearer.problem() != null && bearer.problem().equals("multiple-authorization-headers")) {
            return CompletableFuture.completedFuture(refuse(Verdict.Kind.BAD_REQUEST, bearer.problem()));
        }
        boolean anonymousOk = policy.allowsAnonymous();
        if (!bearer.present()) {
            if (anonymousOk) {
                return CompletableFuture.completedFuture(decide(policy, request, null, certOnly, null, risk));
            }
            String reason = bearer.problem() == null ? "token-missing" : bearer.problem();
            return CompletableFuture.completedFuture(refuse(Verdict.Kind.UNAUTHENTICATED, reason));
        }
        CompletableFuture<AuthResult> authentication =
                cached != null ? cached : identityService.authenticate(bearer.presented());
        if (Completed.normally(authentication)) {
            // A cached token: decide now, without building stages that would run at once anyway.
            try {
                return afterAuthentication(identityService, postureConfig, policy, request, authentication.getNow(null),
                        anonymousOk, certOnly, postureToken, certificate, risk);
            } catch (Throwable t) {
                return Completed.failure(t);
            }
        }
        return authentication.thenCompose(result -> afterAuthentication(identityService, postureConfig, policy, request,
                result, anonymousOk, certOnly, postureToken, certificate, risk));
    }

    private static CompletableFuture<Verdict> afterAuthentication(IdentityService identityService,
                                                                  DevicePostureConfig postureConfig, Policy policy,
                                                                  RequestFacts request, AuthResult result,
                                                                  boolean anonymousOk, DevicePosture certOnly,
                                                                  String postureToken, ClientCertificate certificate,
                                                                  RiskSignals risk) {
        if (result instanceof AuthResult.Rejected rejected) {
            if (anonymousOk) {
                // A public route serves anonymous users; a bad token there is ignored, not trusted.
                return CompletableFuture.completedFuture(decide(policy, request, null, certOnly, null, risk));
            }
            return CompletableFuture.completedFuture(refuse(Verdict.Kind.UNAUTHENTICATED, rejected.reason().code()));
        }
        AuthResult.Authenticated authenticated = (AuthResult.Authenticated) result;
        return withPosture(identityService, postureConfig, policy, request, authenticated.identity(), authenticated,
                postureToken, certificate, risk);
    }

    /** {@link #authorizeSession(IdentityService, DevicePostureConfig, Policy, RequestFacts, Identity, String, String,
     * ClientCertificate)} without a client certificate. */
    public static CompletableFuture<Verdict> authorizeSession(IdentityService identityService,
                                                              DevicePostureConfig postureConfig, Policy policy,
                                                              RequestFacts request, Identity sessionIdentity,
                                                              String noSessionReason, String postureToken) {
        return authorizeSession(identityService, postureConfig, policy, request, sessionIdentity, noSessionReason,
                postureToken, null);
    }

    /**
     * The same decision for an identity established by a browser session instead of a bearer token:
     * posture and policy exactly as for a bearer identity. Without a session ({@code sessionIdentity}
     * null) the request is anonymous, refused with {@code noSessionReason} unless the policy is public.
     */
    public static CompletableFuture<Verdict> authorizeSession(IdentityService identityService,
                                                              DevicePostureConfig postureConfig, Policy policy,
                                                              RequestFacts request, Identity sessionIdentity,
                                                              String noSessionReason, String postureToken,
                                                              ClientCertificate certificate) {
        return authorizeSession(identityService, postureConfig, policy, request, sessionIdentity, noSessionReason,
                postureToken, certificate, RiskSignals.NONE);
    }

    /** As above, with the risk signals the policy's {@code risk} criteria read (see {@link RiskSignals}). */
    public static CompletableFuture<Verdict> authorizeSession(IdentityService identityService,
                                                              DevicePostureConfig postureConfig, Policy policy,
                                                              RequestFacts request, Identity sessionIdentity,
                                                              String noSessionReason, String postureToken,
                                                              ClientCertificate certificate, RiskSignals risk) {
        if (sessionIdentity == null) {
            return CompletableFuture.completedFuture(policy.allowsAnonymous()
                    ? decide(policy, request, null, CertificatePosture.merge(null, certificate), null, risk)
                    : refuse(Verdict.Kind.UNAUTHENTICATED, noSessionReason));
        }
        return withPosture(identityService, postureConfig, policy, request, sessionIdentity, null, postureToken,
                certificate, risk);
    }

    /** @param authenticated how a bearer identity was authenticated (it may carry its claim posture), else null */
    private static CompletableFuture<Verdict> withPosture(IdentityService identityService,
                                                          DevicePostureConfig postureConfig, Policy policy,
                                                          RequestFacts request, Identity identity,
                                                          AuthResult.Authenticated authenticated, String postureToken,
                                                          ClientCertificate certificate, RiskSignals risk) {
        DevicePosture certOnly = CertificatePosture.merge(null, certificate);
        if (postureToken == null && postureConfig.claimsFromIdentityToken() == null) {
            return CompletableFuture.completedFuture(decide(policy, request, identity, certOnly, null, risk));
        }
        CompletableFuture<PostureResult> posture = authenticated == null
                ? identityService.posture(postureToken, identity)
                : identityService.posture(postureToken, authenticated);
        if (Completed.normally(posture)) {
            try {
                return CompletableFuture.completedFuture(
                        withPostureResult(policy, request, identity, posture.getNow(null), certOnly, certificate, risk));
            } catch (Throwable t) {
                return Completed.failure(t);
            }
        }
        return posture.thenApply(p -> withPostureResult(policy, request, identity, p, certOnly, certificate, risk));
    }

    private static Verdict withPostureResult(Policy policy, RequestFacts request, Identity identity, PostureResult p,
                                             DevicePosture certOnly, ClientCertificate certificate, RiskSignals risk) {
        if (p instanceof PostureResult.Present present) {
            return decide(policy, request, identity, CertificatePosture.merge(present.posture(), certificate), null,
                    risk);
        }
        return decide(policy, request, identity, certOnly, ((PostureResult.Absent) p).reason(), risk);
    }

    static Verdict refuse(Verdict.Kind kind, String reason) {
        return new Verdict(kind, List.of(reason), null, null, null, null);
    }

    static Verdict decide(Policy policy, RequestFacts request, Identity identity, DevicePosture posture,
                          String postureProblem, RiskSignals risk) {
        IdentityFacts idf = identity == null ? null
                : new IdentityFacts(identity.issuer(), identity.subject(), identity.claims());
        DeviceFacts df = posture == null ? null
                : new DeviceFacts(posture.deviceId(), posture.source(), posture.attributes());
        String deviceId = posture == null ? null : posture.deviceId();
        RiskFacts riskFacts = identity == null ? null
                : risk.assess(identity.issuer(), identity.subject(), deviceId, request.sourceIp());
        PolicyInput input = new PolicyInput(request, idf, df, Instant.now(), riskFacts);
        Decision d = policy.evaluate(input);
        Verdict.Kind kind = switch (d.outcome()) {
            case ALLOW -> Verdict.Kind.FORWARD;
            case DENY -> Verdict.Kind.FORBIDDEN;
            case CHALLENGE -> Verdict.Kind.CHALLENGE;
        };
        if (kind == Verdict.Kind.FORWARD && identity != null) {
            risk.allowed(identity.issuer(), identity.subject(), deviceId, request.sourceIp());
        }
        return new Verdict(kind, d.reasons(), d, identity, posture, postureProblem, input);
    }
}
