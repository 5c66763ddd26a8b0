package io.portcullis.proxy.sso;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.config.DevicePostureConfig;
import io.portcullis.identity.IdentityService;
import io.portcullis.identity.oidc.Session;
import io.portcullis.identity.oidc.SessionStatus;
import io.portcullis.identity.oidc.SsoService;
import io.portcullis.policy.Policy;
import io.portcullis.policy.RequestFacts;
import io.portcullis.proxy.auth.Authorizer;
import io.portcullis.proxy.auth.ClientCertificate;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.risk.RiskSignals;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Authorizes a request with a browser session when it has no {@code Authorization} header: the
 * session cookie is opened, checked (expiry, back-channel logout), refreshed when its access token is
 * about to expire, and its identity then takes the very same posture and policy path as a bearer
 * identity. A request with a bearer token, or any request when login is off, goes the bearer way.
 */
public final class SessionAuthorizer {

    /**
     * The verdict plus what the session part adds to the response.
     *
     * @param session    the session the identity came from (null when none was used)
     * @param setCookies Set-Cookie values for the response: a refreshed session, or the removal of an
     *                   invalid or ended one
     * @param cookies    the cookies the request carried
     */
    public record Outcome(Verdict verdict, Session session, List<String> setCookies, Map<String, String> cookies) {

        public Outcome {
            setCookies = List.copyOf(setCookies);
        }
    }

    private SessionAuthorizer() {
    }

    public static CompletableFuture<Outcome> authorize(SsoRuntime sso, IdentityService identity,
                                                       DevicePostureConfig posture, Policy policy, RequestFacts request,
                                                       HttpHeaders headers, String postureToken, Clock clock) {
        return authorize(sso, identity, posture, policy, request, headers, postureToken, clock, null);
    }

    /** As above, with the connection's verified client certificate (null when none). */
    public static CompletableFuture<Outcome> authorize(SsoRuntime sso, IdentityService identity,
                                                       DevicePostureConfig posture, Policy policy, RequestFacts request,
                                                       HttpHeaders headers, String postureToken, Clock clock,
                                                       ClientCertificate certificate) {
        return authorize(sso, identity, posture, policy, request, headers, postureToken, clock, certificate,
                RiskSignals.NONE);
    }

    /** As above, with the risk signals the policy's {@code risk} criteria read. */
    public static CompletableFuture<Outcome> authorize(SsoRuntime sso, IdentityService identity,
                                                       DevicePostureConfig posture, Policy policy, RequestFacts request,
                                                       HttpHeaders headers, String postureToken, Clock clock,
                                                       ClientCertificate certificate, RiskSignals risk) {
        List<String> authorization = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        if (!sso.loginEnabled() || !authorization.isEmpty()) {
            CompletableFuture<Verdict> bearer =
                    Authorizer.authorize(identity, posture, policy, request, authorization, postureToken, certificate, risk);
            if (bearer.isDone() && !bearer.isCompletedExceptionally()) {
                // Decided already (a cached token, or no token): no stage needed to wrap the verdict.
                return CompletableFuture.completedFuture(new Outcome(bearer.getNow(null), null, List.of(), Map.of()));
            }
            return bearer.thenApply(v -> new Outcome(v, null, List.of(), Map.of()));
        }
        SsoCookies cookies = sso.cookies();
        SsoService service = sso.service();
        Map<String, String> sent = SsoCookies.parse(headers);
        String value = cookies.session(sent);
        if (value == null) {
            return Authorizer.authorizeSession(identity, posture, policy, request, null, "token-missing", postureToken, certificate, risk)
                    .thenApply(v -> new Outcome(v, null, List.of(), sent));
        }
        Session session = service.sessions().decode(value);
        if (session == null) {
            // Tampered, sealed with a retired key, or expired: the browser has no session, and the cookie goes.
            return Authorizer.authorizeSession(identity, posture, policy, request, null, "session-invalid", postureToken, certificate, risk)
                    .thenApply(v -> new Outcome(v, null, cookies.clearAll(sent), sent));
        }
        return service.resume(session).thenCompose(status -> {
            if (status instanceof SessionStatus.Ended ended) {
                return Authorizer.authorizeSession(identity, posture, policy, request, null, ended.reason(), postureToken, certificate, risk)
                        .thenApply(v -> new Outcome(v, null, cookies.clearAll(sent), sent));
            }
            SessionStatus.Active active = (SessionStatus.Active) status;
            Session current = active.session();
            List<String> setCookies = active.changed()
                    ? cookies.setSession(service.sessions().encode(current),
                            Duration.between(clock.instant(), current.expiresAt()), sent)
                    : List.of();
            return Authorizer.authorizeSession(identity, posture, policy, request, current.identity(), "token-missing",
                    postureToken, certificate, risk).thenApply(v -> new Outcome(v, current, setCookies, sent));
        });
    }
}
