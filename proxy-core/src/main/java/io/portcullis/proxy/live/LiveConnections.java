package io.portcullis.proxy.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessDecision;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.observe.DecisionLog;
import io.portcullis.proxy.observe.DecisionRecord;
import io.portcullis.proxy.routing.Route;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's long-lived exchanges and their re-evaluation. Registration and removal are lock-free
 * (a concurrent set); a re-evaluation walks the set on the caller's thread testing only fixed fields,
 * and hands each matching entry to its own event loop, where the CURRENT config's access pipeline
 * decides its stored request again at the current time. An entry no longer allowed is closed, with a
 * decision line ({@code reevaluated-<cause>}, the new decision's reasons, then {@code websocket-closed-1008}
 * or {@code response-cut}; the status the client had received) and a count. The rate
 * limit is not charged again: a re-check is not a new request.
 */
public final class LiveConnections {

    private static final Logger LOG = LoggerFactory.getLogger(LiveConnections.class);

    /** The cause of a re-evaluation at the expiry of the credential an entry was allowed with. */
    public static final String EXPIRY = "expiry";
    /** The last reason of the line of a WebSocket closed by a re-evaluation (close frame 1008). */
    public static final String WEBSOCKET_CLOSED = "websocket-closed-1008";
    /** The last reason of the line of a streaming response cut by a re-evaluation. */
    public static final String RESPONSE_CUT = "response-cut";

    private final Set<LiveEntry> entries = ConcurrentHashMap.newKeySet();
    private final Supplier<RuntimeConfig> runtime;
    private final DecisionLog decisions;
    private final Clock clock;
    private final AccessState state;
    private final LiveMetrics metrics;

    /**
     * @param state the listener's risk history; its rate limits are ignored (not charged again)
     */
    public LiveConnections(Supplier<RuntimeConfig> runtime, MeterRegistry registry, DecisionLog decisions, Clock clock,
                           AccessState state) {
        this.runtime = runtime;
        this.decisions = decisions;
        this.clock = clock;
        this.state = new AccessState(state.risk(), null);
        this.metrics = new LiveMetrics(registry, entries);
    }

    /**
     * Adds {@code entry}; call on its loop. With {@code atExpiry}, it is re-evaluated when the
     * credential it was allowed with expires.
     */
    public void register(LiveEntry entry, boolean atExpiry) {
        entries.add(entry);
        if (atExpiry) {
            scheduleExpiry(entry, entry.expiresAt());
        }
    }

    /** Removes {@code entry}, which ended on its own; call on its loop. */
    public void remove(LiveEntry entry) {
        if (entry != null) {
            entry.ended();
            entries.remove(entry);
        }
    }

    /** How many entries are registered. */
    public int size() {
        return entries.size();
    }

    /** Re-evaluates every entry: after a config reload. */
    public int reevaluateAll(String cause) {
        return reevaluate(LiveEntry.all(), cause);
    }

    /**
     * Re-evaluates each entry {@code which} selects, each on its own loop; returns how many were
     * selected. Never blocks: the decisions run after this returns.
     */
    public int reevaluate(Predicate<LiveEntry> which, String cause) {
        int n = 0;
        for (LiveEntry e : entries) {
            if (which.test(e)) {
                n++;
                e.loop().execute(() -> reevaluateOne(e, cause));
            }
        }
        return n;
    }

    private void scheduleExpiry(LiveEntry e, Instant at) {
        if (at == null) {
            return;
        }
        long millis = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        e.expiryTimer(e.loop().schedule(() -> reevaluateOne(e, EXPIRY), millis, TimeUnit.MILLISECONDS));
    }

    private void reevaluateOne(LiveEntry e, String cause) {
        if (e.closed()) {
            return;
        }
        RuntimeConfig rc = runtime.get();
        AccessRequest was = e.request();
        Route route = routeOf(rc, was.route().id());
        if (route == null) {
            closeFor(e, cause, rc, "deny", List.of("route-removed"), null);
            return;
        }
        AccessRequest now = new AccessRequest(new AccessRequest.Target(route, was.target().method(),
                was.target().host(), was.target().path(), was.target().rawQuery(), was.target().origin()), was.headers(),
                // Its DPoP proof was checked when it was opened: the token is decided again, not the one-time proof.
                new AccessRequest.Peer(was.peer().address(), was.peer().client(), was.peer().certificate(),
                        e.dpopKey()),
                clock.instant(), was.requestId());
        CompletableFuture<AccessDecision> f;
        try {
            f = rc.access().decide(now, state);
        } catch (RuntimeException ex) {
            f = CompletableFuture.failedFuture(ex);
        }
        f.whenComplete((d, error) -> {
            if (e.loop().inEventLoop()) {
                judged(e, cause, rc, d, error);
            } else {
                e.loop().execute(() -> judged(e, cause, rc, d, error));
            }
        });
    }

    private void judged(LiveEntry e, String cause, RuntimeConfig rc, AccessDecision d, Throwable error) {
        if (e.closed()) {
            return;
        }
        if (error != null || d == null) {
            LOG.error("internal error re-evaluating request {}: {}", e.request().requestId(),
                    error == null ? "no decision" : error.toString());
            closeFor(e, cause, rc, "deny", List.of("internal-error"), null);
            return;
        }
        Verdict v = d.verdict();
        if (v.kind() == Verdict.Kind.FORWARD) {
            metrics.reevaluated(cause, "allowed");
            if (EXPIRY.equals(cause)) {
                // Still allowed (a session that was refreshed): look again when its new credential ends.
                Instant next = v.identity() == null ? null : v.identity().expiresAt();
                if (next != null && next.isAfter(clock.instant())) {
                    scheduleExpiry(e, next);
                } else {
                    closeFor(e, cause, rc, "deny", List.of("credential-expired"), null);
                }
            }
            return;
        }
        String decision = v.kind() == Verdict.Kind.CHALLENGE ? "challenge"
                : v.kind() == Verdict.Kind.BAD_REQUEST ? "reject" : "deny";
        closeFor(e, cause, rc, decision, v.reasons(), v);
    }

    private void closeFor(LiveEntry e, String cause, RuntimeConfig rc, String decision, List<String> newReasons,
                          Verdict v) {
        String reason = "reevaluated-" + cause;
        List<String> reasons = new ArrayList<>(2 + newReasons.size());
        reasons.add(reason);
        reasons.addAll(newReasons);
        // What was done to it: the status alone (sent long before) would read as a success.
        reasons.add(e.kind() == LiveEntry.Kind.WEBSOCKET ? WEBSOCKET_CLOSED : RESPONSE_CUT);
        AccessRequest r = e.request();
        decisions.record(DecisionRecord.builder().time(clock.instant()).requestId(r.requestId())
                .route(r.route().id()).method(r.target().method()).path(r.target().path())
                .sourceIp(r.peer().client().getHostAddress()).issuer(e.issuerId()).subject(e.subject())
                .deviceId(e.deviceId()).decision(decision).reasons(reasons)
                .policy(v != null && v.decision() != null ? v.decision().policy() : null)
                .rule(v != null && v.decision() != null ? v.decision().rule() : null)
                .status(e.status()).configSha256(rc.config().sha256())
                .build());
        metrics.reevaluated(cause, "error".equals(decision) ? "error" : "closed");
        entries.remove(e);
        e.close(reason);
    }

    private static Route routeOf(RuntimeConfig rc, String id) {
        for (Route r : rc.router().routes()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }
}
