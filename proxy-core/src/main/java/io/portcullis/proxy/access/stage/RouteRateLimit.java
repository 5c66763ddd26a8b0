package io.portcullis.proxy.access.stage;

import io.portcullis.config.RateLimitConfig;
import io.portcullis.proxy.access.AccessDecision;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.ratelimit.RateLimitKey;

/** The route's {@code rate_limit}, per caller (identity, device or address), in the listener's buckets. */
public final class RouteRateLimit implements RateLimitStage {

    /** Stateless: one for all pipelines. */
    public static final RouteRateLimit INSTANCE = new RouteRateLimit();

    private RouteRateLimit() {
    }

    @Override
    public AccessDecision.RateLimited acquire(AccessRequest request, AccessState state, Verdict allowed) {
        RateLimitConfig limit = request.route().config().limits().rateLimit();
        if (limit == null || state.rateLimits() == null) {
            return null;
        }
        long wait = state.rateLimits().acquire(request.route().id(), limit,
                RateLimitKey.of(limit, allowed.identity(), allowed.posture(), request.peer().client().getHostAddress()));
        return wait == 0 ? null : new AccessDecision.RateLimited(limit, wait);
    }
}
