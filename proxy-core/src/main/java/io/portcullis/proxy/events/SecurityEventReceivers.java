package io.portcullis.proxy.events;

import io.portcullis.config.SecurityEventsConfig;
import io.portcullis.config.TransmitterConfig;
import io.portcullis.identity.events.actions.SecurityActionSink;
import io.portcullis.identity.events.delivery.PushEndpoint;
import io.portcullis.identity.events.delivery.SsfException;
import io.portcullis.identity.events.delivery.TransmitterReceiver;
import io.portcullis.identity.replay.ReplayGuard;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Shared Signals receivers, one per {@code security_events.transmitters} entry: started with
 * the proxy, and on a reload kept when their entry is unchanged (their stream and poll position stay),
 * closed when it was removed, replaced when it changed. A receiver whose start fails (the transmitter
 * unreachable, its API refusing) is started again after a backoff until it succeeds or is closed.
 * Discovery, stream management and polls run on one scheduler thread of their own and the JDK HTTP
 * client, every call bounded by {@link TransmitterReceiver#CALL_TIMEOUT}: never on an event loop.
 */
public final class SecurityEventReceivers implements AutoCloseable {

    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(SecurityEventReceivers.class);

    private final ReplayGuard replay;
    private final SecurityActionSink sink;
    private final EventReport report;
    private final Clock clock;
    private volatile Map<String, Running> running = Map.of();
    private ScheduledExecutorService scheduler;
    private HttpClient http;
    private boolean closed;

    public SecurityEventReceivers(ReplayGuard replay, SecurityActionSink sink, EventReport report, Clock clock) {
        this.replay = replay;
        this.sink = sink;
        this.report = report;
        this.clock = clock;
    }

    /** Receivers for no transmitter (a proxy built without security events): every push path is unknown. */
    public static SecurityEventReceivers none() {
        return new SecurityEventReceivers(null, null, null, Clock.systemUTC());
    }

    /** The push endpoint of transmitter {@code id}, or null when no such transmitter is configured. */
    public PushEndpoint push(String id) {
        Running r = running.get(id);
        return r == null ? null : r.receiver.push();
    }

    /** Whether transmitter {@code id} has finished its start (metadata, keys, stream). */
    public boolean ready(String id) {
        Running r = running.get(id);
        return r != null && r.ready;
    }

    /** The receiver of transmitter {@code id}, or null. */
    public TransmitterReceiver receiver(String id) {
        Running r = running.get(id);
        return r == null ? null : r.receiver;
    }

    /** Makes the running receivers those {@code config} lists. */
    public synchronized void apply(SecurityEventsConfig config) {
        if (closed) {
            return;
        }
        Map<String, Running> next = new HashMap<>();
        Map<String, Running> previous = running;
        for (TransmitterConfig t : config.transmitters()) {
            Running kept = previous.get(t.id());
            if (kept != null && kept.receiver.config().equals(t)) {
                next.put(t.id(), kept);
            } else {
                next.put(t.id(), start(t));
            }
        }
        running = Map.copyOf(next);
        for (Map.Entry<String, Running> e : previous.entrySet()) {
            if (next.get(e.getKey()) != e.getValue()) {
                e.getValue().close();
            }
        }
    }

    private Running start(TransmitterConfig t) {
        if (sink == null) {
            throw new IllegalStateException("receivers built without a sink cannot start transmitters");
        }
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "portcullis-ssf");
                thread.setDaemon(true);
                return thread;
            });
            http = HttpClient.newBuilder().connectTimeout(TransmitterReceiver.CALL_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        if (t.delivery() == TransmitterConfig.Delivery.POLL) {
            report.declarePolling(t.id());
        }
        Running r = new Running(new TransmitterReceiver(t, http, scheduler, replay, sink, report, clock));
        r.attempt(FIRST_RETRY);
        return r;
    }

    @Override
    public synchronized void close() {
        closed = true;
        running.values().forEach(Running::close);
        running = Map.of();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** One receiver and its start, retried until it succeeds or the receiver is closed. */
    private final class Running {

        final TransmitterReceiver receiver;
        volatile boolean ready;
        private volatile boolean stopped;

        Running(TransmitterReceiver receiver) {
            this.receiver = receiver;
        }

        void attempt(Duration nextDelay) {
            String id = receiver.config().id();
            receiver.start().whenComplete((stream, failure) -> {
                if (stopped) {
                    return;
                }
                if (failure == null) {
                    ready = true;
                    LOG.info("security events: transmitter {} ready ({}{})", id,
                            receiver.config().delivery().name().toLowerCase(java.util.Locale.ROOT),
                            stream == null ? ", stream managed by hand" : ", stream " + stream.streamId());
                    return;
                }
                String code = codeOf(failure);
                long millis = (long) (nextDelay.toMillis() * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
                LOG.warn("security events: transmitter {} could not start ({}); trying again in {} s", id, code,
                        millis / 1000);
                Duration after = nextDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : nextDelay.multipliedBy(2);
                try {
                    scheduler.schedule(() -> {
                        if (!stopped) {
                            attempt(after);
                        }
                    }, millis, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // closed meanwhile
                }
            });
        }

        void close() {
            stopped = true;
            receiver.close();
        }
    }

    private static String codeOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof SsfException ssf) {
            return ssf.code();
        }
        return cause instanceof java.net.http.HttpTimeoutException ? "timeout" : cause.getClass().getSimpleName();
    }
}
