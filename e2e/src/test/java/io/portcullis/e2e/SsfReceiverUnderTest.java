package io.portcullis.e2e;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.TransmitterConfig;
import io.portcullis.fixtures.ScratchDirectory;
import io.portcullis.identity.events.SetFailure;
import io.portcullis.identity.events.actions.MemoryActionSink;
import io.portcullis.identity.events.actions.SecurityAction;
import io.portcullis.identity.events.delivery.SecurityEventsListener;
import io.portcullis.identity.events.delivery.StreamConfig;
import io.portcullis.identity.events.delivery.TransmitterReceiver;
import io.portcullis.identity.replay.MemoryReplayGuard;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Portcullis's Shared Signals receiver for Keycloak's transmitter, configured from YAML as a user writes
 * it and started for real (discovery, keys, stream creation, verification request, polling): the actions
 * it derives land in a {@link MemoryActionSink} until the proxy writes them to its state store. Closing it
 * deletes its stream, since Keycloak allows one per receiver client.
 */
final class SsfReceiverUnderTest implements AutoCloseable {

    static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(30);

    final MemoryActionSink sink = new MemoryActionSink();
    final List<SetFailure> refused = new CopyOnWriteArrayList<>();
    final TransmitterReceiver receiver;
    final StreamConfig stream;
    private final Keycloak keycloak;
    private final String clientId;
    private final String clientSecret;
    /** The receiver's secret files; removed when it closes. */
    private final ScratchDirectory dir = ScratchDirectory.create("portcullis-ssf");
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssf-receiver");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param delivery   {@code push} or {@code poll}
     * @param pushServer where pushes arrive (push only; null for poll)
     */
    SsfReceiverUnderTest(Keycloak keycloak, String clientId, String clientSecret, String delivery,
            PushReceiverServer pushServer) throws Exception {
        this.keycloak = keycloak;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        // Keycloak creates these scopes when the feature is on, but clients imported with the realm lack them.
        keycloak.addDefaultClientScopes(clientId, "ssf.read", "ssf.manage");
        SecurityEventsListener listener = new SecurityEventsListener() {
            @Override
            public void refused(String transmitter, SetFailure failure) {
                refused.add(failure);
            }
        };
        receiver = new TransmitterReceiver(config(delivery, pushServer),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), scheduler,
                new MemoryReplayGuard(10_000), sink, listener, Clock.systemUTC());
        if (pushServer != null) {
            pushServer.deliverTo(receiver.push());
        }
        stream = receiver.start().get(60, TimeUnit.SECONDS);
    }

    private TransmitterConfig config(String delivery, PushReceiverServer pushServer) throws Exception {
        Path clientSecretFile = Files.writeString(dir.resolve("ssf-client"), clientSecret);
        String push = "";
        if (pushServer != null) {
            Path pushSecret = Files.writeString(dir.resolve("ssf-push"), "push-secret-" + System.nanoTime());
            push = "      push_authorization_file: " + pushSecret + "\n      push_url: " + pushServer.url() + "\n";
        }
        String yaml = """
                listen: 127.0.0.1:8080
                routes:
                  - id: public
                    match: { path_prefix: / }
                    upstream: http://127.0.0.1:9
                    policy: public
                policies:
                  public:
                    allow: { public: true }
                security_events:
                  transmitters:
                    - id: keycloak
                      issuer: %1$s
                      audiences: [portcullis-ssf]
                      delivery: %2$s
                      poll_interval: 1s
                %3$s      client:
                        token_endpoint: %4$s
                        client_id: %5$s
                        client_secret_file: %6$s
                        scopes: [ssf.manage, ssf.read]
                """.formatted(keycloak.issuer(), delivery, push, keycloak.tokenEndpoint(), clientId, clientSecretFile);
        return ConfigLoader.parse(yaml, "ssf-e2e.yaml").securityEvents().transmitters().get(0);
    }

    /** Waits for the transmitter to deliver an action matching {@code wanted} among those after {@code from}. */
    <T extends SecurityAction> T awaitAction(Class<T> type, int from, Predicate<T> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<SecurityAction> all = sink.actions();
            for (SecurityAction action : all.subList(Math.min(from, all.size()), all.size())) {
                if (type.isInstance(action) && wanted.test(type.cast(action))) {
                    return type.cast(action);
                }
            }
            // Keycloak delivers from an outbox on its own schedule: nothing to wait on but the clock.
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + DELIVERY_DEADLINE + "; actions: "
                + sink.actions() + "; refused: " + refused);
    }

    /** How many actions have arrived so far: where a test starts looking for the next one. */
    int mark() {
        return sink.actions().size();
    }

    @Override
    public void close() {
        try {
            if (stream != null) {
                keycloak.deleteSsfStream(clientId, clientSecret, stream.streamId());
            }
        } finally {
            receiver.close();
            scheduler.shutdownNow();
            dir.close();
        }
    }
}
