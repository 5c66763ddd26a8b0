package io.portcullis.proxy.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.identity.events.SetFailure;
import io.portcullis.identity.events.actions.EventRef;
import io.portcullis.identity.events.delivery.SecurityEventsListener;
import io.portcullis.proxy.observe.DecisionLog;
import io.portcullis.proxy.observe.DecisionRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * What the security-event receivers report, as metrics and decision-log lines:
 * <ul>
 * <li>{@code portcullis_security_events_total{transmitter,type,result}}: {@code result} {@code applied}
 *     or {@code ignored} per event; {@code refused-<failure>} (type {@code unverified}) per refused SET;</li>
 * <li>{@code portcullis_ssf_push_responses_total{transmitter,status}};</li>
 * <li>{@code portcullis_ssf_polls_total{transmitter,outcome}} and
 *     {@code portcullis_ssf_poll_last_success_seconds{transmitter}} (the Unix time of the last good poll);</li>
 * <li>{@code portcullis_ssf_event_lag_seconds{transmitter}}: from a SET's {@code iat} to its effect.</li>
 * </ul>
 * One decision line per event and per refused SET ({@code via} {@code security-event:<transmitter>},
 * {@code request_id} the SET's {@code jti} when known, {@code path} the event type).
 */
public final class EventReport implements SecurityEventsListener {

    private static final String TYPE_UNVERIFIED = "unverified";

    private final MeterRegistry registry;
    private final DecisionLog decisions;
    private final Supplier<String> configSha256;
    private final Clock clock;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, DistributionSummary> lags = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Double> lastPoll = new ConcurrentHashMap<>();

    public EventReport(MeterRegistry registry, DecisionLog decisions, Supplier<String> configSha256, Clock clock) {
        this.registry = registry;
        this.decisions = decisions;
        this.configSha256 = configSha256;
        this.clock = clock;
    }

    /** Starts a poll transmitter's staleness gauge at its start, so the poll-lag alert is defined from then. */
    void declarePolling(String transmitter) {
        // A (re)started receiver has not fallen behind yet: staleness counts from now.
        if (lastPoll.put(transmitter, (double) clock.millis() / 1000.0) == null) {
            Gauge.builder("portcullis.ssf.poll.last.success.seconds", lastPoll, m -> m.getOrDefault(transmitter, 0.0))
                    .description("Unix time of the last successful poll of a Shared Signals transmitter (or of its start)")
                    .tag("transmitter", transmitter).strongReference(true).register(registry);
        }
    }

    /** One event acted on (or deliberately not). */
    void acted(EventRef ref, EnforcingSink.Outcome outcome) {
        counter("portcullis.security.events", "Security events received, by transmitter, event type and result",
                "transmitter", ref.transmitter(), "type", ref.type(), "result", outcome.applied() ? "applied" : "ignored")
                .increment();
        decisions.record(DecisionRecord.builder().time(clock.instant()).requestId(ref.jti()).route("-").method("SET")
                .path("/" + ref.type()).via("security-event:" + ref.transmitter()).issuer(outcome.issuerId())
                .subject(outcome.subject()).deviceId(outcome.deviceId())
                // deny: access ended (a revocation); allow: nothing ended, access is decided as before.
                .decision(outcome.applied() && !"reevaluated".equals(outcome.reason()) ? "deny" : "allow")
                .reasons(List.of("event-" + ref.type(), outcome.reason())).status(202)
                .configSha256(configSha256.get()).build());
    }

    @Override
    public void refused(String transmitter, SetFailure failure) {
        counter("portcullis.security.events", "Security events received, by transmitter, event type and result",
                "transmitter", transmitter, "type", TYPE_UNVERIFIED, "result", "refused-" + failure.label()).increment();
        // The SET was not verified: nothing of its content (not even its jti) goes into the line.
        decisions.record(DecisionRecord.builder().time(clock.instant()).route("-").method("SET").path("/" + TYPE_UNVERIFIED)
                .via("security-event:" + transmitter).decision("reject").reasons(List.of("set-" + failure.label()))
                .status(failure.temporary() ? 503 : 400).configSha256(configSha256.get()).build());
    }

    @Override
    public void pushAnswered(String transmitter, int status) {
        counter("portcullis.ssf.push.responses", "Answers to Shared Signals push requests, by status",
                "transmitter", transmitter, "status", Integer.toString(status)).increment();
    }

    @Override
    public void polled(String transmitter, String outcome, int sets) {
        counter("portcullis.ssf.polls", "Polls of Shared Signals transmitters, by outcome",
                "transmitter", transmitter, "outcome", outcome).increment();
        if ("ok".equals(outcome)) {
            lastPoll.put(transmitter, (double) clock.millis() / 1000.0);
        }
    }

    @Override
    public void lag(String transmitter, Duration lag) {
        lags.computeIfAbsent(transmitter, t -> DistributionSummary.builder("portcullis.ssf.event.lag")
                        .description("From a security event's iat to its effect at this replica")
                        .baseUnit("seconds").tag("transmitter", t)
                        .serviceLevelObjectives(1, 5, 30, 60, 300).register(registry))
                .record(Math.max(0, lag.toMillis()) / 1000.0);
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + '\u0000' + String.join("\u0000", tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}
