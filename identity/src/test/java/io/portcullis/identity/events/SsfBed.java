package io.portcullis.identity.events;

import io.portcullis.config.ClientSecret;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.Position;
import io.portcullis.config.StreamClientConfig;
import io.portcullis.config.TransmitterConfig;
import io.portcullis.fixtures.EmbeddedTransmitter;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.events.actions.MemoryActionSink;
import io.portcullis.identity.events.delivery.SecurityEventsListener;
import io.portcullis.identity.events.delivery.SetIntake;
import io.portcullis.identity.jwks.JwksCache;
import io.portcullis.identity.replay.MemoryReplayGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real transmitter ({@link EmbeddedTransmitter}) and the receiver parts around it: its keys fetched
 * over HTTP, an in-memory replay guard and action sink. One per test.
 */
public final class SsfBed implements AutoCloseable {

    public static final String CLIENT_ID = "portcullis-receiver";
    public static final String CLIENT_SECRET = "client-secret-for-tests";
    public static final String PUSH_SECRET = "push-secret-for-tests";
    /** The SETs' audience: the fixture puts its client id there, as a client-registered receiver gets. */
    public static final String AUDIENCE = CLIENT_ID;

    public final EmbeddedTransmitter transmitter;
    public final MemoryActionSink sink = new MemoryActionSink();
    public final MemoryReplayGuard replay = new MemoryReplayGuard(10_000);
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
        Thread thread = new Thread(r, "ssf-test");
        thread.setDaemon(true);
        return thread;
    });
    private JwksCache keys;

    public SsfBed(String issuerPath, boolean metadataAfterIssuerPath) {
        transmitter = EmbeddedTransmitter.start(issuerPath, metadataAfterIssuerPath, CLIENT_ID, CLIENT_SECRET);
    }

    public SsfBed() {
        this("/realms/corp", false);
    }

    public TransmitterTrust trust(List<String> algorithms) {
        return new TransmitterTrust("corp", transmitter.issuer(), List.of(AUDIENCE), algorithms,
                Duration.ofSeconds(30), Duration.ofHours(1));
    }

    public synchronized SetKeys keys() {
        if (keys == null) {
            keys = new JwksCache(new IssuerConfig("corp", transmitter.issuer(), URI.create(transmitter.issuer() + "/jwks.json"),
                    false, List.of(AUDIENCE), List.of("RS256"), Duration.ofSeconds(30), Duration.ofMinutes(10),
                    new Position("test", 1, 1)), http, IdentityEvents.NONE, Clock.systemUTC(), Duration.ofSeconds(30));
            keys.start(scheduler);
        }
        return SetKeys.of(keys);
    }

    public SetVerifier verifier(List<String> algorithms) {
        return new SetVerifier(trust(algorithms), keys(), replay, Clock.systemUTC());
    }

    public SetVerifier verifier() {
        return verifier(List.of("RS256", "ES256"));
    }

    public SetIntake intake(SecurityEventsListener listener) {
        return new SetIntake(verifier(), sink, listener, Clock.systemUTC());
    }

    /** A transmitter entry as the config binder would make it. */
    public TransmitterConfig config(TransmitterConfig.Delivery delivery, URI pushUrl, String streamId) {
        StreamClientConfig client = new StreamClientConfig(transmitter.tokenEndpoint(), CLIENT_ID,
                new ClientSecret(CLIENT_SECRET, "env:TEST"), List.of("ssf.manage", "ssf.read"));
        boolean push = delivery == TransmitterConfig.Delivery.PUSH;
        return new TransmitterConfig("corp", transmitter.issuer(), null, null, List.of(AUDIENCE), List.of("RS256"),
                Duration.ofSeconds(30), Duration.ofHours(1), delivery, push ? new ClientSecret(PUSH_SECRET, "env:TEST") : null,
                pushUrl, Duration.ofSeconds(1), 2, streamId, client, TransmitterConfig.DEFAULT_EVENTS,
                new Position("test", 1, 1));
    }

    /** A user named by {@code iss_sub} at this transmitter. */
    public Map<String, Object> alice() {
        return Map.of("format", "iss_sub", "iss", transmitter.issuer(), "sub", "alice-id");
    }

    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete normally", e);
        }
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.release();
        }
        scheduler.shutdownNow();
        transmitter.close();
    }
}
