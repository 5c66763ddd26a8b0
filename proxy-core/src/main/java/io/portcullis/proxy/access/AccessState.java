package io.portcullis.proxy.access;

import io.portcullis.proxy.ratelimit.RateLimiter;
import io.portcullis.proxy.risk.RiskSignals;

/**
 * The state a decision reads and writes that outlives a config: risk history and rate-limit buckets.
 * A pipeline is built per config; this is the listener's, passed to each decision, so a reload keeps
 * what callers did before it.
 *
 * @param risk       where risk facts come from and allowed requests are recorded
 * @param rateLimits the token buckets of the routes' rate limits, or null for none (tools)
 */
public record AccessState(RiskSignals risk, RateLimiter rateLimits) {

    /** No risk history and no rate limits: what an offline tool decides with. */
    public static final AccessState NONE = new AccessState(RiskSignals.NONE, null);
}
