package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.TransmitterConfig;
import io.portcullis.identity.events.SetFailure;
import io.portcullis.identity.events.SubjectId;
import io.portcullis.identity.events.actions.MemoryActionSink;
import io.portcullis.identity.events.actions.SecurityAction;
import io.portcullis.identity.events.delivery.SecurityEventsListener;
import io.portcullis.identity.events.delivery.StreamConfig;
import io.portcullis.identity.events.delivery.TransmitterReceiver;
import io.portcullis.identity.replay.MemoryReplayGuard;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shared Signals from Keycloak's experimental transmitter ({@code --features=ssf}) into Portcullis's
 * receiver, all real: the receiver is configured from YAML as a user writes it, discovers Keycloak's SSF
 * metadata, creates a push stream with the {@code portcullis-ssf} client's credentials and asks for a
 * verification; Keycloak signs SETs and POSTs them to a loopback server that hands them to the
 * identity module's push endpoint, which verifies them against Keycloak's JWKS. An administrator ending
 * alice's sessions, alice signing out, and an administrator resetting her password each become the
 * revocation the continuous-access design says, naming alice's subject (and her session where Keycloak
 * names one). Until the proxy routes {@code /.portcullis/ssf/push/<id>} and writes actions to its state
 * store, the actions land in a {@link MemoryActionSink}.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakSsfIT {

    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(30);

    private static Keycloak keycloak;
    private static PushReceiverServer pushServer;
    private static TransmitterReceiver receiver;
    private static StreamConfig stream;
    private static final MemoryActionSink SINK = new MemoryActionSink();
    private static final List<SetFailure> REFUSED = new CopyOnWriteArrayList<>();
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssf-receiver");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    static void start(Keycloak kc) throws Exception {
        keycloak = kc;
        pushServer = new PushReceiverServer();
        // The receiver client may push only to URLs it lists; the port is this run's.
        keycloak.updateClient("portcullis-ssf", Map.of(), Map.of("ssf.validPushUrls", pushServer.url()));
        keycloak.addDefaultClientScopes("portcullis-ssf", "ssf.read", "ssf.manage");
        TransmitterConfig config = transmitterConfig();
        SecurityEventsListener listener = new SecurityEventsListener() {
            @Override
            public void refused(String transmitter, SetFailure failure) {
                REFUSED.add(failure);
            }
        };
        receiver = new TransmitterReceiver(config, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                SCHEDULER, new MemoryReplayGuard(10_000), SINK, listener, Clock.systemUTC());
        pushServer.deliverTo(receiver.push());
        stream = receiver.start().get(60, TimeUnit.SECONDS);
    }

    private static TransmitterConfig transmitterConfig() throws Exception {
        Path dir = Files.createTempDirectory("portcullis-ssf");
        Path pushSecret = Files.writeString(dir.resolve("ssf-push"), "push-secret-" + System.nanoTime());
        Path clientSecret = Files.writeString(dir.resolve("ssf-client"), "portcullis-ssf-secret");
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
                      delivery: push
                      push_authorization_file: %2$s
                      push_url: %3$s
                      client:
                        token_endpoint: %4$s
                        client_id: portcullis-ssf
                        client_secret_file: %5$s
                        scopes: [ssf.manage, ssf.read]
                """.formatted(keycloak.issuer(), pushSecret, pushServer.url(), keycloak.tokenEndpoint(), clientSecret);
        return ConfigLoader.parse(yaml, "ssf-e2e.yaml").securityEvents().transmitters().get(0);
    }

    @AfterAll
    static void stop() {
        if (stream != null) {
            keycloak.deleteSsfStream("portcullis-ssf", "portcullis-ssf-secret", stream.streamId());
        }
        if (receiver != null) {
            receiver.close();
        }
        if (pushServer != null) {
            pushServer.close();
        }
        SCHEDULER.shutdownNow();
    }

    /** Waits for the transmitter to deliver an action matching {@code wanted} among those after {@code from}. */
    private static <T extends SecurityAction> T awaitAction(Class<T> type, int from, Predicate<T> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<SecurityAction> all = SINK.actions();
            for (SecurityAction action : all.subList(Math.min(from, all.size()), all.size())) {
                if (type.isInstance(action) && wanted.test(type.cast(action))) {
                    return type.cast(action);
                }
            }
            // Keycloak delivers from an outbox on its own schedule: nothing to wait on but the clock.
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + DELIVERY_DEADLINE + "; actions: "
                + SINK.actions() + "; refused: " + REFUSED + "; push answers: " + pushServer.answered());
    }

    private static JWTClaimsSet aliceSignsIn(Map<String, Object> tokens) throws Exception {
        return SignedJWT.parse((String) tokens.get("access_token")).getJWTClaimsSet();
    }

    private static Map<String, Object> passwordGrant() throws Exception {
        HttpResponse<String> response = keycloak.tokenRequest(Map.of("grant_type", "password", "client_id", "portcullis",
                "client_secret", "portcullis-secret", "username", "alice", "password", "alice-password", "scope", "openid"),
                Map.of());
        assertEquals(200, response.statusCode(), response.body());
        return JSONObjectUtils.parse(response.body());
    }

    @Test
    @Order(1)
    void theStreamIsAPushStreamToOurEndpointAndItsVerificationArrivesSigned() throws Exception {
        assertNotNull(stream, "Portcullis created its stream through Keycloak's management API");
        assertEquals(StreamConfig.PUSH, stream.deliveryMethod());
        assertEquals(pushServer.url(), stream.endpointUrl().toString());
        assertTrue(stream.eventsDelivered().contains("https://schemas.openid.net/secevent/caep/event-type/session-revoked"),
                stream.eventsDelivered().toString());
        awaitAction(SecurityAction.Verified.class, 0, v -> v.state() != null && !v.state().isEmpty());
        assertEquals(List.of(), REFUSED);
    }

    @Test
    @Order(2)
    void anAdministratorEndingAlicesSessionsRevokesEverySessionOfHers() throws Exception {
        JWTClaimsSet alice = aliceSignsIn(passwordGrant());
        int from = SINK.actions().size();
        keycloak.logoutUser("alice");
        SecurityAction.RevokeSubjectBefore revoke = awaitAction(SecurityAction.RevokeSubjectBefore.class, from,
                r -> "session-revoked".equals(r.ref().type()));
        assertEquals(new SubjectId.IssSub(keycloak.issuer(), alice.getSubject()), revoke.user());
        assertTrue(!revoke.before().isBefore(alice.getIssueTime().toInstant()),
                "her token, issued before the logout, falls under the revocation");
        assertEquals("keycloak", revoke.ref().transmitter());
        assertEquals(List.of(), REFUSED);
    }

    @Test
    @Order(3)
    void aliceSigningOutRevokesThatSessionByItsSid() throws Exception {
        Map<String, Object> tokens = passwordGrant();
        JWTClaimsSet alice = aliceSignsIn(tokens);
        String sid = alice.getStringClaim("sid");
        int from = SINK.actions().size();
        HttpResponse<String> logout = keycloak.logoutRequest(Map.of("client_id", "portcullis",
                "client_secret", "portcullis-secret", "refresh_token", (String) tokens.get("refresh_token")));
        assertEquals(204, logout.statusCode(), logout.body());
        SecurityAction.RevokeSession revoke = awaitAction(SecurityAction.RevokeSession.class, from, r -> true);
        assertEquals(sid, revoke.sid());
        assertEquals(keycloak.issuer(), revoke.issuer());
        assertEquals(List.of(), REFUSED);
    }

    @Test
    @Order(4)
    void anAdministratorResettingAlicesPasswordRevokesEverySessionOfHers() throws Exception {
        JWTClaimsSet alice = aliceSignsIn(passwordGrant());
        int from = SINK.actions().size();
        keycloak.resetPassword("alice", "alice-password");
        SecurityAction.RevokeSubjectBefore revoke = awaitAction(SecurityAction.RevokeSubjectBefore.class, from,
                r -> "credential-change".equals(r.ref().type()));
        assertEquals(new SubjectId.IssSub(keycloak.issuer(), alice.getSubject()), revoke.user());
        assertEquals(List.of(), REFUSED);
        assertTrue(pushServer.answered().stream().allMatch(status -> status == 202), pushServer.answered().toString());
    }
}
