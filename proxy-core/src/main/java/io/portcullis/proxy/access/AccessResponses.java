package io.portcullis.proxy.access;

import io.portcullis.identity.binding.BindingChallenge;

import io.portcullis.identity.oidc.Session;
import io.portcullis.identity.oidc.StepUp;
import io.portcullis.proxy.auth.StepUpChallenge;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.sso.BrowserNavigation;
import io.portcullis.proxy.sso.StepUpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The one place a decision becomes an answer: forward; 400 for ambiguous credentials; 401 with
 * {@code WWW-Authenticate} (a bare {@code Bearer} challenge, {@code invalid_token} when a token was
 * refused, RFC 9470 {@code insufficient_user_authentication} for a step-up); a login redirect instead
 * of that 401 for a browser on a {@code login: true} route; 403; 429 with {@code Retry-After}.
 *
 * <p>A session that just came back from a step-up and still falls short gets the 401 instead of
 * another round trip, so a user who cannot meet the requirement is not bounced between proxy and
 * IdP forever.
 */
public final class AccessResponses {

    /** A step-up session younger than this that still fails {@code require} is not sent back to the IdP. */
    public static final Duration STEP_UP_LOOP_GUARD = Duration.ofMinutes(5);

    private static final String BEARER = "Bearer realm=\"portcullis\"";

    private AccessResponses() {
    }

    /**
     * @param loginEnabled whether this config has browser login at all
     * @param clock        the time the step-up loop guard is measured with
     */
    public static AccessResponse of(AccessRequest request, AccessDecision decision, boolean loginEnabled, Clock clock) {
        Verdict v = decision.verdict();
        List<String> cookies = decision.session().setCookies();
        if (v.kind() == Verdict.Kind.FORWARD) {
            return new AccessResponse(AccessResponse.Action.FORWARD, 0, v.reasons(), null, 0, false, null, cookies, null);
        }
        StepUp login = loginEnabled ? login(request, decision, clock) : null;
        if (login != null) {
            return new AccessResponse(AccessResponse.Action.LOGIN, 0, v.reasons(), null, 0, false, login, cookies, null);
        }
        if (decision.challenge() != null) {
            BindingChallenge c = decision.challenge();
            return new AccessResponse(AccessResponse.Action.REFUSE, c.status(), v.reasons(), null, 0, false, null,
                    cookies, c);
        }
        return switch (v.kind()) {
            case BAD_REQUEST -> refuse(400, v, null, 0, true, cookies);
            case UNAUTHENTICATED -> refuse(401, v, v.tokenRejected()
                    ? BEARER + ", error=\"invalid_token\", error_description=\"" + v.reasons().get(0) + "\""
                    : BEARER, 0, false, cookies);
            case CHALLENGE -> refuse(401, v, StepUpChallenge.header(v.reasons(), v.decision()), 0, false, cookies);
            default -> decision.rateLimit() != null
                    ? refuse(429, v, null, decision.rateLimit().retryAfterSeconds(), false, cookies)
                    : refuse(403, v, null, 0, false, cookies);
        };
    }

    private static AccessResponse refuse(int status, Verdict v, String wwwAuthenticate, long retryAfter, boolean close,
                                         List<String> cookies) {
        return new AccessResponse(AccessResponse.Action.REFUSE, status, v.reasons(), wwwAuthenticate, retryAfter,
                close, null, cookies, null);
    }

    /** The login a browser is sent to instead of a 401, or null when the 401 stands. */
    private static StepUp login(AccessRequest request, AccessDecision decision, Clock clock) {
        if (!request.route().config().access().login()
                || !BrowserNavigation.test(request.target().method(), first(request, "Accept"))
                || !request.headers().all("Authorization").isEmpty()) {
            return null;
        }
        Verdict v = decision.verdict();
        Session session = decision.session().session();
        if (v.kind() == Verdict.Kind.UNAUTHENTICATED) {
            return StepUp.NONE;
        }
        if (v.kind() == Verdict.Kind.CHALLENGE && session != null && !justSteppedUp(session, clock)) {
            return StepUpRequest.from(v.decision());
        }
        return null;
    }

    private static String first(AccessRequest request, String name) {
        List<String> values = request.headers().all(name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static boolean justSteppedUp(Session session, Clock clock) {
        return session.stepUp() && session.createdAt().plus(STEP_UP_LOOP_GUARD).isAfter(clock.instant());
    }
}
