package io.portcullis.proxy.access;

import io.portcullis.identity.binding.BindingChallenge;

import io.portcullis.config.RateLimitConfig;
import io.portcullis.proxy.auth.Verdict;

/**
 * What the access pipeline concluded for one request. Facts are grouped: a later feature adds a field
 * to a sub-record, not a parameter here.
 *
 * @param verdict   outcome kind, reasons, policy decision, identity, posture, posture problem and
 *                  the policy input
 * @param session   what the session authenticator adds to the response ({@link SessionOutcome#NONE}
 *                  when no session was involved)
 * @param rateLimit why the request was refused for its rate, or null when it was not
 * @param challenge what a token whose sender binding was not proven is answered with, or null
 */
public record AccessDecision(Verdict verdict, SessionOutcome session, RateLimited rateLimit,
                             BindingChallenge challenge) {

    /**
     * The request was allowed by policy but its caller's bucket was empty.
     *
     * @param limit             the route's limit that refused it
     * @param retryAfterSeconds the {@code Retry-After} value, at least 1
     */
    public record RateLimited(RateLimitConfig limit, long retryAfterSeconds) {
    }

    public AccessDecision {
        if (session == null) {
            session = SessionOutcome.NONE;
        }
    }

    /** A decision with nothing but its verdict. */
    public static AccessDecision of(Verdict verdict) {
        return new AccessDecision(verdict, SessionOutcome.NONE, null, null);
    }
}
