package io.portcullis.proxy.sso;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.portcullis.identity.oidc.Session;
import io.portcullis.identity.oidc.SsoService;
import io.portcullis.identity.oidc.StepUp;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.routing.Route;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a 401 for a browser on a {@code login: true} route into a redirect to the issuer: a plain login
 * when there is no usable session, a step-up ({@code prompt=login}, {@code max_age}, {@code acr_values}) when the session
 * does not meet the policy's {@code require}. A session that just came back from a step-up and still
 * falls short gets the 401 page instead of another round trip, so a user who cannot meet the
 * requirement is not bounced between proxy and IdP forever.
 */
public final class LoginRedirects {

    /** A step-up session younger than this that still fails {@code require} is not sent back to the IdP. */
    static final Duration STEP_UP_LOOP_GUARD = Duration.ofMinutes(5);

    private LoginRedirects() {
    }

    /**
     * The redirect to answer with, or null when the verdict is answered as usual. The cookies of
     * {@code outcome} (e.g. removing an ended session) are the caller's to add.
     */
    public static CompletableFuture<LocalAnswer> forVerdict(SsoRuntime sso, Route route, HttpRequest request,
                                                                 Verdict verdict, SessionAuthorizer.Outcome outcome,
                                                                 String requestId, ByteBufAllocator alloc, Clock clock) {
        if (!sso.loginEnabled() || !route.config().access().login() || outcome == null || !BrowserNavigation.test(request)
                || request.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
            return null;
        }
        StepUp stepUp;
        if (verdict.kind() == Verdict.Kind.UNAUTHENTICATED) {
            stepUp = StepUp.NONE;
        } else if (verdict.kind() == Verdict.Kind.CHALLENGE && outcome.session() != null
                && !justSteppedUp(outcome.session(), clock)) {
            stepUp = StepUpRequest.from(verdict.decision());
        } else {
            return null;
        }
        SsoService service = sso.service();
        SsoCookies cookies = sso.cookies();
        boolean head = HttpMethod.HEAD.equals(request.method());
        return service.startLogin(request.uri(), stepUp).handle((start, failure) -> {
            if (failure != null) {
                return new LocalAnswer(LocalResponses.error(alloc, HttpResponseStatus.BAD_GATEWAY, "idp-unreachable",
                        requestId, true, head, List.of()), "idp-unreachable");
            }
            return new LocalAnswer(LocalResponses.redirect(start.authorizationUri().toString(), List.of(
                    cookies.setLoginState(start.state().state(), start.sealedState(), SsoService.LOGIN_TIMEOUT)),
                    requestId), stepUp.any() ? "step-up" : "login-redirect");
        });
    }

    private static boolean justSteppedUp(Session session, Clock clock) {
        return session.stepUp() && session.createdAt().plus(STEP_UP_LOOP_GUARD).isAfter(clock.instant());
    }
}
