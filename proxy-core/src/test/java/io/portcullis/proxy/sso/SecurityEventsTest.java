package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.TransmitterPusher;
import io.portcullis.identity.revocation.Revocation;
import io.portcullis.fixtures.RecordingListener;
import io.portcullis.fixtures.WebSocketEchoUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Portcullis as the Shared Signals receiver of a real in-process transmitter: the proxy
 * discovers it, creates its stream through the management API, and takes SETs pushed to its reserved
 * path (RFC 8935). A session-revoked event ends the SSO session, the bearer tokens carrying its
 * {@code sid} and the WebSocket opened with one; hostile pushes are refused with the RFC's error codes
 * and revoke nothing; nothing of it ever reaches an upstream.
 */
class SecurityEventsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WebSocketEchoUpstream echo;
    private SsfReceiver ssf;
    private SsoProxy proxy;

    @BeforeEach
    void start() throws Exception {
        echo = new WebSocketEchoUpstream();
        ssf = new SsfReceiver();
        proxy = new SsoProxy("""
                  - id: chat
                    match: { path_prefix: /ws }
                    upstream: %s
                    policy: signed-in
                    websocket: true
                """.formatted(echo.url()), ssf.section(true), null);
        SsoProxy.eventually(Duration.ofSeconds(20), "the receiver has created its stream",
                () -> proxy.portcullis.securityEvents().ready(SsfReceiver.TRANSMITTER_ID));
        // The stream's verification event arrives by push, like any other.
        proxy.awaitDecision("\"via\":\"security-event:idp\"", "event-verification");
        assertEquals("enabled", proxy.portcullis.securityEvents().receiver(SsfReceiver.TRANSMITTER_ID).streamStatus());
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (ssf != null) {
            ssf.close();
        }
        if (echo != null) {
            echo.close();
        }
    }


    private String bearer(String subject, String sid) {
        return proxy.idp.issueToken(SsoProxy.ISSUER_ID, subject, SsoProxy.CLIENT_ID, Map.of("sid", sid), 300).serialize();
    }

    private static WebSocket websocket(SsoProxy replica, String token, RecordingListener l) throws Exception {
        WebSocket ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + replica.port + "/ws"), l).get(10, TimeUnit.SECONDS);
        ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo: hello", l.texts.poll(10, TimeUnit.SECONDS));
        return ws;
    }


    private static String metrics(SsoProxy replica) {
        return replica.portcullis.metrics().scrape();
    }

    @Test
    void aSessionRevokedEventEndsTheCookieTheSidBearerTokenAndTheWebSocket() throws Exception {
        Browser alice = proxy.browser();
        proxy.login(alice, "/app", "alice", Map.of("sid", "idp-session-1"));
        Browser bob = proxy.browser();
        proxy.login(bob, "/app", "bob", Map.of("sid", "idp-session-2"));
        String aliceBearer = bearer("alice", "idp-session-1");
        assertEquals(200, proxy.browser().api("/api/x", "Authorization", "Bearer " + aliceBearer).statusCode());
        RecordingListener aliceWs = new RecordingListener();
        websocket(proxy, aliceBearer, aliceWs);
        RecordingListener bobWs = new RecordingListener();
        WebSocket bobSocket = websocket(proxy, bearer("bob", "idp-session-2"), bobWs);
        int upstreamSeen = proxy.upstream.requests().size();

        TransmitterPusher.Delivery pushed = ssf.transmitter.push(ssf.sessionRevoked(proxy.issuer(), "alice", "idp-session-1"));

        assertEquals(202, pushed.status(), pushed.body());
        assertEquals(1008, aliceWs.closed.get(10, TimeUnit.SECONDS), "alice's WebSocket closed: policy violation");
        assertTrue(proxy.sentToLogin(alice.get("/app")), "alice's SSO cookie no longer works");
        HttpResponse<String> revoked = proxy.browser().api("/api/x", "Authorization", "Bearer " + aliceBearer);
        assertEquals(401, revoked.statusCode());
        assertTrue(revoked.headers().firstValue("WWW-Authenticate").orElse("").contains("token-revoked"));
        assertEquals(upstreamSeen, proxy.upstream.requests().size(), "the upstream saw neither the push nor a refused request");
        assertEquals(200, bob.get("/app").statusCode(), "another session is untouched");
        assertFalse(bobWs.closed.isDone(), "bob's WebSocket stays open");
        bobSocket.sendText("still", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo: still", bobWs.texts.poll(10, TimeUnit.SECONDS));
        String line = proxy.awaitDecision("\"via\":\"security-event:idp\"", "event-session-revoked", "sid-revoked");
        assertTrue(line.contains("\"decision\":\"deny\"") && line.contains("\"issuer\":\"corp\""), line);
        proxy.awaitDecision("reevaluated-security-event", "token-revoked");
        assertTrue(metrics(proxy).contains(
                "portcullis_security_events_total{result=\"applied\",transmitter=\"idp\",type=\"session-revoked\"} 1.0"),
                metrics(proxy));
        assertTrue(metrics(proxy).contains("portcullis_ssf_push_responses_total{status=\"202\",transmitter=\"idp\"}"));
    }

    @Test
    void aCredentialChangeEndsEverySessionOfTheUserIssuedBeforeIt() throws Exception {
        Browser alice = proxy.browser();
        proxy.login(alice, "/app", "alice", Map.of("sid", "s-1"));
        String older = bearer("alice", "s-2");
        String bobs = bearer("bob", "s-3");

        assertEquals(202, ssf.transmitter.push(ssf.credentialChange(proxy.issuer(), "alice")).status());

        assertTrue(proxy.sentToLogin(alice.get("/app")));
        assertEquals(401, proxy.browser().api("/api/x", "Authorization", "Bearer " + older).statusCode());
        assertEquals(200, proxy.browser().api("/api/x", "Authorization", "Bearer " + bobs).statusCode());
        proxy.awaitDecision("event-credential-change", "subject-revoked");
    }

    @Test
    void hostilePushesAreRefusedWithTheRfcCodesAndRevokeNothing() throws Exception {
        Browser alice = proxy.browser();
        proxy.login(alice, "/app", "alice", Map.of("sid", "idp-session-1"));
        String aliceBearer = bearer("alice", "idp-session-1");
        int upstreamSeen = proxy.upstream.requests().size();
        String iss = proxy.issuer();
        String type = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
        Map<String, Object> subject = Map.of("format", "complex",
                "user", Map.of("format", "iss_sub", "iss", iss, "sub", "alice"),
                "session", Map.of("format", "opaque", "id", "idp-session-1"));
        Map<String, Object> event = Map.of();

        assertRefused("invalid_key", ssf.transmitter.push(
                ssf.transmitter.set(SsfReceiver.CLIENT_ID, type, event, subject).signedWithForeignKey()));
        assertRefused("invalid_key", ssf.transmitter.push(
                ssf.transmitter.set(SsfReceiver.CLIENT_ID, type, event, subject).unsigned()));
        assertRefused("invalid_audience", ssf.transmitter.push(
                ssf.transmitter.set("someone-else", type, event, subject).sign()));
        assertRefused("invalid_request", ssf.transmitter.push(
                ssf.transmitter.set(SsfReceiver.CLIENT_ID, type, event, subject).claim("exp", Instant.now().minusSeconds(300).getEpochSecond()).sign()));
        assertRefused("invalid_request", ssf.transmitter.push(ssf.transmitter.set(SsfReceiver.CLIENT_ID, type, event,
                subject).issuedAt(Instant.now().minus(Duration.ofHours(3))).sign()));
        assertRefused("invalid_request", ssf.transmitter.push(ssf.transmitter.set(SsfReceiver.CLIENT_ID, type, event,
                Map.of("format", "x-made-up", "id", "alice")).sign()));
        assertRefused("invalid_issuer", ssf.transmitter.push(
                ssf.transmitter.set(SsfReceiver.CLIENT_ID, type, event, subject).issuer("https://evil.example").sign()));
        assertRefused("invalid_request", ssf.transmitter.pushRaw(new byte[1024 * 1024], "application/secevent+jwt", null));
        String valid = ssf.transmitter.set(SsfReceiver.CLIENT_ID, type, event, subject).sign();
        assertRefused("authentication_failed", ssf.transmitter.pushRaw(valid.getBytes(StandardCharsets.US_ASCII),
                "application/secevent+jwt", "Bearer not-the-secret"));
        assertRefused("invalid_request", ssf.transmitter.pushRaw(valid.getBytes(StandardCharsets.US_ASCII),
                "application/json", null));

        // A replayed jti: the first delivery of a harmless event is taken, the second refused.
        String unknownType = ssf.transmitter.set(SsfReceiver.CLIENT_ID, "https://example.com/event/x", Map.of(),
                subject).sign();
        assertEquals(202, ssf.transmitter.push(unknownType).status());
        assertRefused("invalid_request", ssf.transmitter.push(unknownType));

        assertEquals(200, alice.get("/app").statusCode(), "alice's session is untouched");
        assertEquals(200, proxy.browser().api("/api/x", "Authorization", "Bearer " + aliceBearer).statusCode());
        var revocations = proxy.portcullis.state().revocations();
        for (Revocation.Kind kind : Revocation.Kind.values()) {
            assertTrue(revocations.noneOf(kind), "nothing revoked of kind " + kind);
        }
        assertEquals(upstreamSeen + 2, proxy.upstream.requests().size(), "only alice's two requests were forwarded");
        assertTrue(metrics(proxy).contains(
                "portcullis_security_events_total{result=\"refused-signature-invalid\",transmitter=\"idp\",type=\"unverified\"} 1.0"),
                metrics(proxy));
        assertTrue(metrics(proxy).contains(
                "portcullis_security_events_total{result=\"ignored\",transmitter=\"idp\",type=\"unknown\"} 1.0"));
        proxy.awaitDecision("\"via\":\"security-event:idp\"", "\"decision\":\"reject\"", "set-duplicate");
    }

    private static void assertRefused(String code, TransmitterPusher.Delivery delivery) {
        assertEquals(400, delivery.status(), delivery.body());
        assertTrue(delivery.body().contains("\"err\":\"" + code + "\""), delivery.body());
    }

    @Test
    void thePushPathIsNeverRoutedAndTakesOnlyPost() throws Exception {
        int upstreamSeen = proxy.upstream.requests().size();
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(proxy.base().resolve("/.portcullis/ssf/push/idp"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(proxy.base().resolve("/.portcullis/ssf/push/other"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).header("Content-Type", "application/secevent+jwt").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertEquals(upstreamSeen, proxy.upstream.requests().size());
    }

    @Test
    void pollDeliveryTakesEventsFromTheTransmittersQueue() throws Exception {
        proxy.close();
        ssf.close();
        ssf = new SsfReceiver();
        proxy = new SsoProxy("", ssf.section(false), null);
        SsoProxy.eventually(Duration.ofSeconds(20), "the poll receiver has started",
                () -> proxy.portcullis.securityEvents().ready(SsfReceiver.TRANSMITTER_ID));
        String token = bearer("alice", "poll-session");
        assertEquals(200, proxy.browser().api("/api/x", "Authorization", "Bearer " + token).statusCode());

        ssf.transmitter.queue().add(ssf.sessionRevoked(proxy.issuer(), "alice", "poll-session"));

        SsoProxy.eventually(Duration.ofSeconds(10), "the polled event revokes the token",
                () -> proxy.browser().api("/api/x", "Authorization", "Bearer " + token).statusCode() == 401);
        SsoProxy.eventually(Duration.ofSeconds(10), "the SET is acknowledged", () -> ssf.transmitter.queue().acked().size() >= 2);
        assertTrue(ssf.transmitter.queue().errors().isEmpty(), ssf.transmitter.queue().errors().toString());
        assertTrue(metrics(proxy).contains("portcullis_ssf_polls_total{outcome=\"ok\",transmitter=\"idp\"}"));
        assertTrue(metrics(proxy).contains("portcullis_ssf_poll_last_success_seconds{transmitter=\"idp\"}"));
        assertTrue(proxy.decisionLines().stream().noneMatch(l -> l.contains("set-") && l.contains("\"decision\":\"reject\"")),
                String.valueOf(proxy.decisionLines()));
    }
}
