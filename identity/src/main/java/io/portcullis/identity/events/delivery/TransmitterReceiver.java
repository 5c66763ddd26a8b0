package io.portcullis.identity.events.delivery;

import io.portcullis.config.IssuerConfig;
import io.portcullis.config.TransmitterConfig;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.events.SetVerifier;
import io.portcullis.identity.events.TransmitterTrust;
import io.portcullis.identity.events.actions.SecurityActionSink;
import io.portcullis.identity.jwks.JwksCache;
import io.portcullis.identity.oidc.NimbusHttp;
import io.portcullis.identity.replay.ReplayGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Portcullis runs for one transmitter: its push endpoint (usable at once), and {@link #start}:
 * discovery of its metadata, its keys, its stream (the configured one, or one created through the
 * management API when a client is configured), a verification request, and — for poll delivery — the
 * poll loop. The proxy owns one per configured transmitter and routes
 * {@code POST /.portcullis/ssf/push/<id>} to {@link #push()}.
 */
public final class TransmitterReceiver implements AutoCloseable {

    /** Bounds every call to the transmitter. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration JWKS_REFRESH = Duration.ofMinutes(10);
    private static final Duration ON_DEMAND_INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(TransmitterReceiver.class);

    private final TransmitterConfig config;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final DeferredKeys keys = new DeferredKeys();
    private final SetIntake intake;
    private final PushEndpoint push;
    private final AccessTokens tokens;
    private final StreamClient streams;
    private final SecurityEventsListener listener;
    private volatile PollClient poll;
    private volatile String streamStatus;
    private volatile boolean closed;

    public TransmitterReceiver(TransmitterConfig config, HttpClient http, ScheduledExecutorService scheduler,
            ReplayGuard replay, SecurityActionSink sink, SecurityEventsListener listener, Clock clock) {
        this.config = config;
        this.http = http;
        this.scheduler = scheduler;
        this.clock = clock;
        this.listener = listener;
        this.intake = new SetIntake(new SetVerifier(TransmitterTrust.of(config), keys, replay, clock), sink, listener, clock);
        this.push = new PushEndpoint(intake, config.delivery() == TransmitterConfig.Delivery.PUSH
                ? config.pushAuthorization().value() : null, listener);
        this.tokens = config.client() == null ? null : new AccessTokens(config.client(), new NimbusHttp(http), clock);
        this.streams = new StreamClient(config, http, CALL_TIMEOUT, tokens);
    }

    public TransmitterConfig config() {
        return config;
    }

    /** The push receiver; before {@link #start} has loaded the keys it answers 503 (deliver again). */
    public PushEndpoint push() {
        return push;
    }

    /**
     * Discovers the transmitter, loads its keys, finds or creates the stream, asks for a verification
     * event and, for poll delivery, starts polling. Completes with the stream, or null when no client is
     * configured (a push stream set up by hand); fails with an {@link SsfException}.
     */
    public CompletableFuture<StreamConfig> start() {
        return streams.discover().thenCompose(metadata -> {
            loadKeys(metadata);
            if (tokens == null) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<StreamConfig> stream = config.streamId() != null
                    ? streams.get(metadata, config.streamId()) : streams.create(metadata);
            return stream.thenCompose(s -> streams.verify(metadata, s.streamId(), UUID.randomUUID().toString())
                    // A transmitter that cannot verify still delivers: say so, and go on.
                    .exceptionally(failure -> {
                        LOG.warn("stream verification request to {} failed ({})", config.id(), SsfException.codeOf(failure));
                        return null;
                    })
                    .thenCompose(verified -> checkStatus(metadata, s))
                    .thenApply(checked -> startPolling(s)));
        });
    }

    /**
     * Reads the stream's status: a stream that is {@code paused} or {@code disabled} delivers nothing,
     * which would otherwise look like a quiet IdP. Said in the log; a transmitter without a status
     * endpoint is not held against it.
     */
    private CompletableFuture<Void> checkStatus(SsfMetadata metadata, StreamConfig stream) {
        if (metadata.statusEndpoint() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return streams.status(metadata, stream.streamId()).handle((status, failure) -> {
            if (failure != null) {
                LOG.warn("stream status of {} could not be read ({})", config.id(), SsfException.codeOf(failure));
            } else if (!"enabled".equals(status)) {
                LOG.warn("stream {} of {} is {}: the transmitter delivers no events until it is enabled",
                        stream.streamId(), config.id(), status);
            }
            streamStatus = failure == null ? status : null;
            return null;
        });
    }

    /** The stream's status as read at start ({@code enabled}, {@code paused}, {@code disabled}), or null. */
    public String streamStatus() {
        return streamStatus;
    }

    private synchronized void loadKeys(SsfMetadata metadata) {
        if (closed) {
            // Closed (a reload replaced it) while discovery was in flight: start nothing.
            throw new SsfException("closed");
        }
        URI jwksUri = config.jwksUri() != null ? config.jwksUri() : metadata.jwksUri();
        JwksCache cache = new JwksCache(new IssuerConfig(config.id(), config.issuer(), jwksUri, false,
                config.audiences(), config.algorithms(), config.clockSkew(), JWKS_REFRESH, config.position()),
                http, IdentityEvents.NONE, clock, ON_DEMAND_INTERVAL);
        cache.start(scheduler);
        JwksCache previous = keys.cache();
        keys.set(cache);
        if (previous != null) {
            // A start attempted again (the last one failed after discovery): its cache is replaced.
            previous.release();
        }
    }

    private synchronized StreamConfig startPolling(StreamConfig stream) {
        if (config.delivery() == TransmitterConfig.Delivery.POLL && !closed) {
            if (!StreamConfig.POLL.equals(stream.deliveryMethod()) || stream.endpointUrl() == null) {
                throw new SsfException("stream-not-poll");
            }
            PollClient client = new PollClient(stream.endpointUrl(), config.pollMaxEvents(), config.pollInterval(), http,
                    CALL_TIMEOUT, tokens, intake, listener);
            poll = client;
            client.start(scheduler);
        }
        return stream;
    }

    /** The poll client once polling has started, else null. */
    public PollClient poll() {
        return poll;
    }

    @Override
    public synchronized void close() {
        closed = true;
        PollClient current = poll;
        if (current != null) {
            current.stop();
        }
        JwksCache cache = keys.cache();
        if (cache != null) {
            cache.release();
        }
    }
}
