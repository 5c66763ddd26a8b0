package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RedisServerProcess;
import io.portcullis.identity.revocation.Revocation;
import io.portcullis.fixtures.RecordingListener;
import io.portcullis.fixtures.WebSocketEchoUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Portcullis replicas sharing one real redis-server; only A receives security events (its push
 * path is the one the transmitter knows). An event pushed to A is enforced by B within 2 s: B refuses
 * the ended session's cookie and closes the WebSocket opened on B with that session's token.
 */
class SecurityEventsSharedTest {

    private RedisServerProcess redis;
    private WebSocketEchoUpstream echo;
    private SsfReceiver ssf;
    private SsoProxy a;
    private SsoProxy b;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(RedisServerProcess.available(), RedisServerProcess.INSTALL_HINT);
        redis = RedisServerProcess.start();
        echo = new WebSocketEchoUpstream();
        ssf = new SsfReceiver();
        String state = "state:\n  type: redis\n  url: " + redis.url() + "\n  command_timeout: 500ms\n";
        String routes = """
                  - id: chat
                    match: { path_prefix: /ws }
                    upstream: %s
                    policy: signed-in
                    websocket: true
                """.formatted(echo.url());
        a = new SsoProxy(routes, state + ssf.section(true), null);
        b = new SsoProxy(routes, state, a);
        SsoProxy.eventually(Duration.ofSeconds(20), "both replicas connected to redis, A's stream created",
                () -> a.portcullis.state().health().up() && b.portcullis.state().health().up()
                        && a.portcullis.securityEvents().ready(SsfReceiver.TRANSMITTER_ID));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {b, a, ssf, echo, redis}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing the rest matters more
                }
            }
        }
    }

    @Test
    void anEventPushedToAIsEnforcedByBWithinTwoSeconds() throws Exception {
        Browser alice = a.browser();
        a.login(alice, "/app", "alice", Map.of("sid", "idp-session-1"));
        Browser aliceOnB = b.browser();
        aliceOnB.cookies.putAll(new HashMap<>(alice.cookies));
        assertEquals(200, aliceOnB.get("/app").statusCode(), "the session works on B");
        String token = a.idp.issueToken(SsoProxy.ISSUER_ID, "alice", SsoProxy.CLIENT_ID,
                Map.of("sid", "idp-session-1"), 300).serialize();
        RecordingListener onB = new RecordingListener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + b.port + "/ws"), onB).get(10, TimeUnit.SECONDS);
        ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo: hello", onB.texts.poll(10, TimeUnit.SECONDS));
        assertTrue(b.portcullis.state().revocations().noneOf(Revocation.Kind.SID), "B knows of no revocation yet");
        Map<String, String> issued = Map.copyOf(aliceOnB.cookies);

        assertEquals(202, ssf.transmitter.push(ssf.sessionRevoked(a.issuer(), "alice", "idp-session-1")).status());

        SsoProxy.eventually(Duration.ofSeconds(2), "B refuses alice's cookie", () -> b.sentToLogin(aliceOnB.get("/app")));
        assertEquals(1008, onB.closed.get(2, TimeUnit.SECONDS), "B closed the WebSocket opened on B");
        // Polls before the revocation reached B were served; from the refusal on, none is, even with the
        // cookie as issued (the refusal cleared it from the browser).
        int upstreamOfB = b.upstream.requests().size();
        aliceOnB.cookies.putAll(issued);
        assertTrue(b.sentToLogin(aliceOnB.get("/app")));
        assertEquals(upstreamOfB, b.upstream.requests().size(), "B's upstream never saw the ended session");
        assertTrue(a.sentToLogin(alice.get("/app")));
        b.awaitDecision("reevaluated-revocation", "token-revoked");
    }
}
