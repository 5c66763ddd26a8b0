package io.portcullis.proxy.access.stage;

import io.portcullis.proxy.access.Completed;
import java.util.concurrent.CompletableFuture;

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
    public CompletableFuture<AccessDecision.RateLimited> acquire(AccessRequest request, AccessState state,
                                                                 Verdict allowed) {
        RateLimitConfig limit = request.route().config().limits().rateLimit();
        if (limit == null || state.rateLimits() == null) {
            return WITHIN_RATE;
        }
        // One round trip to a shared store (exact across replicas), or an immediate local answer; the
        // limiter falls back to this replica's bucket when the store cannot answer.
        CompletableFuture<Long> wait = state.rateLimits().acquireAsync(request.route().id(), limit,
                RateLimitKey.of(limit, allowed.identity(), allowed.posture(), request.peer().client().getHostAddress()))
                .toCompletableFuture();
        if (Completed.normally(wait)) {
            long seconds = wait.getNow(0L);
            return seconds == 0 ? WITHIN_RATE
                    : CompletableFuture.completedFuture(new AccessDecision.RateLimited(limit, seconds));
        }
        return wait.thenApply(seconds -> seconds == 0 ? null : new AccessDecision.RateLimited(limit, seconds));
    }
}
