package io.portcullis.identity.events.delivery;

import io.portcullis.identity.events.SetFailure;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RFC 8936 poll receiver for one stream. Each request carries the acknowledgements ({@code ack}) and
 * refusals ({@code setErrs}) of the SETs of the previous response; a SET refused for a reason of ours
 * (keys or replay store unreachable) is neither, so the transmitter offers it again. A SET already
 * received is acknowledged: the earlier acknowledgement was lost. After a response with SETs the next
 * poll follows at once (to acknowledge them and fetch more); after an empty one, after the interval; after
 * a failure, after a backoff that doubles up to {@link #MAX_BACKOFF}, with jitter.
 */
public final class PollClient {

    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(PollClient.class);

    private final URI endpoint;
    private final int maxEvents;
    private final Duration interval;
    private final JsonHttp http;
    private final AccessTokens tokens;
    private final SetIntake intake;
    private final SecurityEventsListener listener;
    private final List<String> acks = new ArrayList<>();
    private final Map<String, Object> errors = new LinkedHashMap<>();
    private int failures;
    private boolean stopped;
    private ScheduledFuture<?> next;

    public PollClient(URI endpoint, int maxEvents, Duration interval, java.net.http.HttpClient http, Duration timeout,
            AccessTokens tokens, SetIntake intake, SecurityEventsListener listener) {
        this.endpoint = endpoint;
        this.maxEvents = maxEvents;
        this.interval = interval;
        this.http = new JsonHttp(http, timeout);
        this.tokens = tokens;
        this.intake = intake;
        this.listener = listener;
    }

    /** Polls until {@link #stop()}, on {@code scheduler}'s threads. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        stopped = false;
        next = scheduler.schedule(() -> loop(scheduler), 0, TimeUnit.MILLISECONDS);
    }

    /** Stops polling; acknowledgements not yet sent are sent by the next {@link #pollOnce()}. */
    public synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    /** One round trip: sends pending acknowledgements, receives and applies SETs. Never throws. */
    public CompletableFuture<PollRound> pollOnce() {
        Map<String, Object> body = new LinkedHashMap<>();
        synchronized (this) {
            body.put("ack", List.copyOf(acks));
            if (!errors.isEmpty()) {
                body.put("setErrs", new LinkedHashMap<>(errors));
            }
        }
        body.put("maxEvents", maxEvents);
        body.put("returnImmediately", true);
        return tokens.token()
                .thenCompose(token -> http.send("POST", endpoint, token, body))
                .thenCompose(response -> {
                    if (response.status() == 401) {
                        tokens.invalidate();
                    }
                    if (response.status() != 200) {
                        throw new SsfException("http-" + response.status());
                    }
                    // Sent and answered: the transmitter has them.
                    forgetSent(body);
                    return receive(response.json());
                });
    }

    private CompletableFuture<PollRound> receive(Map<String, Object> json) {
        if (!(json.get("sets") instanceof Map<?, ?> sets)) {
            throw new SsfException("poll-response-invalid");
        }
        boolean more = Boolean.TRUE.equals(json.get("moreAvailable"));
        List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();
        for (Map.Entry<?, ?> entry : sets.entrySet()) {
            String jti = String.valueOf(entry.getKey());
            CompletableFuture<IntakeResult> result = entry.getValue() instanceof String set
                    ? intake.receive(set)
                    : CompletableFuture.completedFuture(IntakeResult.refused(SetFailure.MALFORMED, jti));
            outcomes.add(result.thenApply(r -> record(jti, r)));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            int acked = (int) outcomes.stream().filter(CompletableFuture::join).count();
            return new PollRound(outcomes.size(), acked, outcomes.size() - acked, more);
        });
    }

    /** Files one SET's outcome for the next request; true when it is acknowledged. */
    private synchronized boolean record(String jti, IntakeResult result) {
        if (result.accepted() || result.failure() == SetFailure.DUPLICATE) {
            acks.add(jti);
            return true;
        }
        if (!result.failure().temporary()) {
            errors.put(jti, Map.of("err", result.failure().errorCode(), "description", result.failure().description()));
        }
        return false;
    }

    private synchronized void forgetSent(Map<String, Object> body) {
        acks.removeAll((List<?>) body.get("ack"));
        if (body.get("setErrs") instanceof Map<?, ?> sent) {
            sent.keySet().forEach(errors::remove);
        }
    }

    private void loop(ScheduledExecutorService scheduler) {
        pollOnce().whenComplete((round, failure) -> {
            Duration delay;
            synchronized (this) {
                if (failure == null) {
                    failures = 0;
                    listener.polled(intake.transmitter(), "ok", round.received());
                    delay = round.received() > 0 || round.moreAvailable() ? Duration.ZERO : interval;
                } else {
                    failures++;
                    String code = SsfException.codeOf(failure);
                    listener.polled(intake.transmitter(), code, 0);
                    LOG.warn("poll of {} failed ({}); trying again later", intake.transmitter(), code);
                    delay = backoff(interval, failures);
                }
                if (!stopped) {
                    next = scheduler.schedule(() -> loop(scheduler), delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    /** {@code interval} doubled per failure up to {@link #MAX_BACKOFF}, then ±20 % so receivers spread out. */
    static Duration backoff(Duration interval, int failures) {
        long base = interval.toMillis() << Math.min(failures, 16);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }
}
