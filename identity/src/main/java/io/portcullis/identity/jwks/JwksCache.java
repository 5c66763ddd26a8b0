package io.portcullis.identity.jwks;

import com.nimbusds.jose.jwk.JWK;
import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.IssuerStatus;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of one issuer: fetched at start, refreshed in the background, and refetched on
 * demand when a token names an unknown {@code kid} — at most once per {@code onDemandInterval}, and
 * every concurrent caller shares one in-flight fetch, so a flood of made-up kids cannot become a
 * flood of requests to the issuer. A failed fetch keeps the last good keys and marks the issuer
 * stale. Nothing here blocks: callers get futures.
 *
 * <p>Reference counted, because a reconfigured service reuses the caches of unchanged issuers: the
 * background refresh stops when the last owner releases it.
 */
public final class JwksCache {

    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
    private static final Duration DEFAULT_REFRESH = Duration.ofHours(1);

    private final IssuerConfig issuer;
    private final JwksFetcher fetcher;
    private final IdentityEvents events;
    private final Clock clock;
    private final long onDemandIntervalNanos;
    private final AtomicInteger owners = new AtomicInteger(1);
    private volatile KeySnapshot snapshot = KeySnapshot.NONE;
    private volatile boolean stale;
    private CompletableFuture<KeySnapshot> inFlight;
    private long lastOnDemandNanos;
    private boolean onDemandUsed;
    private ScheduledFuture<?> refreshTask;

    public JwksCache(IssuerConfig issuer, HttpClient http, IdentityEvents events, Clock clock,
            Duration onDemandInterval) {
        this.issuer = issuer;
        this.fetcher = new JwksFetcher(issuer, http);
        this.events = events;
        this.clock = clock;
        this.onDemandIntervalNanos = onDemandInterval.toNanos();
    }

    /** Starts the initial fetch and the periodic refresh. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        fetch();
        Duration refresh = issuer.jwksRefresh() == null ? DEFAULT_REFRESH : issuer.jwksRefresh();
        long period = Math.max(1, refresh.toMillis());
        refreshTask = scheduler.scheduleWithFixedDelay(this::fetch, period, period, TimeUnit.MILLISECONDS);
    }

    public IssuerConfig issuer() {
        return issuer;
    }

    /**
     * The current keys; while the first fetch is still running, a future of its outcome. If keys were
     * never loaded and no fetch is running, one is started (subject to the on-demand rate limit).
     */
    public CompletableFuture<KeySnapshot> keys() {
        KeySnapshot current = snapshot;
        if (current.loaded()) {
            return CompletableFuture.completedFuture(current);
        }
        return refetch();
    }

    /**
     * A token named a kid we do not have: fetch again unless a fetch is running (then share it) or
     * one was made on demand within the interval (then answer with what we have).
     */
    public synchronized CompletableFuture<KeySnapshot> refetch() {
        if (inFlight != null) {
            return inFlight;
        }
        long now = System.nanoTime();
        if (onDemandUsed && now - lastOnDemandNanos < onDemandIntervalNanos) {
            return CompletableFuture.completedFuture(snapshot);
        }
        onDemandUsed = true;
        lastOnDemandNanos = now;
        return fetch();
    }

    public IssuerStatus status() {
        KeySnapshot current = snapshot;
        return new IssuerStatus(issuer.id(), current.loaded(), stale, current.fetchedAt(), current.keys().size());
    }

    /** Adds an owner (a reconfigured service that keeps this cache). */
    public JwksCache retain() {
        owners.incrementAndGet();
        return this;
    }

    /** Drops an owner; the last one stops the background refresh. */
    public void release() {
        if (owners.decrementAndGet() == 0) {
            synchronized (this) {
                if (refreshTask != null) {
                    refreshTask.cancel(false);
                }
            }
        }
    }

    private synchronized CompletableFuture<KeySnapshot> fetch() {
        if (inFlight != null) {
            return inFlight;
        }
        CompletableFuture<KeySnapshot> result = new CompletableFuture<>();
        inFlight = result;
        CompletableFuture<com.nimbusds.jose.jwk.JWKSet> fetched;
        try {
            fetched = fetcher.fetch();
        } catch (RuntimeException e) {
            fetched = CompletableFuture.failedFuture(new FetchException("io-error"));
        }
        fetched.whenComplete((set, failure) -> {
            try {
                String outcome = failure == null ? accept(UsableKeys.from(set)) : JwksFetcher.classify(failure).code();
                stale = !outcome.equals("success");
                log(outcome);
                events.jwksFetch(issuer.id(), outcome);
            } finally {
                // Whatever went wrong above, waiting requests must get an answer and the next fetch must start.
                synchronized (this) {
                    inFlight = null;
                }
                result.complete(snapshot);
            }
        });
        return result;
    }

    private void log(String outcome) {
        if (outcome.equals("success")) {
            LOG.debug("keys of issuer {} refreshed", issuer.id());
        } else if (snapshot.loaded()) {
            LOG.warn("key fetch for issuer {} failed ({}); keeping the last good keys", issuer.id(), outcome);
        } else {
            LOG.warn("key fetch for issuer {} failed ({}); its tokens are refused until keys load",
                    issuer.id(), outcome);
        }
    }

    private String accept(List<JWK> keys) {
        // An empty key set would lock every user out; treat it as a failed fetch and keep the last good keys.
        if (keys.isEmpty()) {
            return "jwks-no-usable-keys";
        }
        snapshot = new KeySnapshot(keys, Instant.now(clock), true);
        return "success";
    }
}
