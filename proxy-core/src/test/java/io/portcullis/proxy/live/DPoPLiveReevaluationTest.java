package io.portcullis.proxy.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.DPoPClient;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.fixtures.RecordingListener;
import io.portcullis.fixtures.WebSocketEchoUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket opened with a DPoP-bound token, through a real proxy to a real echo upstream, decided
 * again on reloads: its proof was checked (and its one-time {@code jti} spent) at the upgrade, so a
 * re-evaluation decides the token and the policy, not the proof again. It stays open while allowed and
 * closes (1008) when the policy denies its user, with a line that says so.
 */
class DPoPLiveReevaluationTest {

    private static final String CONFIG = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            issuers:
              - id: corp
                issuer: ${CORP_ISS}
                jwks_uri: ${CORP_JWKS}
                audiences: [portcullis]
                algorithms: [RS256]
                sender_constraint: required
            routes:
              - id: chat
                match: { path_prefix: /ws }
                upstream: %s
                policy: bound-users
                websocket: true
            policies:
              bound-users:
                allow: { token: { bound: dpop } }
            %s
            """;

    private final DPoPClient key = DPoPClient.es256();
    private WebSocketEchoUpstream echo;
    private ProxyFixture fx;

    private String config(String deny) {
        return CONFIG.formatted(echo.url(), deny.isEmpty() ? "" : "    deny: { user: { is: " + deny + " } }");
    }

    @BeforeEach
    void start() throws Exception {
        echo = new WebSocketEchoUpstream();
        fx = new ProxyFixture(config(""));
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    private WebSocket open(String user, RecordingListener l) throws Exception {
        String token = fx.corp.token().subject(user).audience("portcullis").claim("cnf", key.cnf())
                .expiresIn(Duration.ofMinutes(5)).sign();
        String url = "ws://127.0.0.1:" + fx.port() + "/ws";
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "DPoP " + token)
                .header("DPoP", key.proof("GET", "http://127.0.0.1:" + fx.port() + "/ws", token))
                .buildAsync(URI.create(url), l).get(10, TimeUnit.SECONDS);
        ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo: hello", l.texts.poll(10, TimeUnit.SECONDS));
        return ws;
    }

    private void reload(String deny) throws Exception {
        fx.writeConfig(config(deny));
        assertTrue(fx.portcullis.reload());
    }

    private List<String> linesAfter(int mark) {
        List<String> lines = fx.decisionLines();
        return lines.subList(Math.min(mark, lines.size()), lines.size());
    }

    @Test
    void aReevaluationKeepsAnAllowedDPoPWebSocketOpenAndClosesItWhenThePolicyDenies() throws Exception {
        RecordingListener alice = new RecordingListener();
        WebSocket ws = open("alice", alice);
        double allowedBefore = allowed();

        reload("bob"); // a changed policy that still allows alice: decided again, and kept

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (allowed() == allowedBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(allowedBefore + 1, allowed(), "the re-evaluation allowed it");
        assertFalse(alice.closed.isDone(), "her DPoP WebSocket stays open");
        ws.sendText("again", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo: again", alice.texts.poll(10, TimeUnit.SECONDS));
        int mark = fx.decisionLines().size();

        reload("alice");

        assertEquals(1008, alice.closed.get(10, TimeUnit.SECONDS));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // The upgrade's own line (status 101) is written when the exchange ends, so it may come first.
        while (linesAfter(mark).stream().noneMatch(DPoPLiveReevaluationTest::reevaluation) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String line = linesAfter(mark).stream().filter(DPoPLiveReevaluationTest::reevaluation).findFirst().orElseThrow();
        assertTrue(line.contains("\"reasons\":[\"reevaluated-reload\",\"user-unauthorized\",\"websocket-closed-1008\"]"), line);
        assertFalse(line.contains("dpop-"), "the proof is not judged again: " + line);
    }

    private static boolean reevaluation(String line) {
        return line.contains("\"route\":\"chat\"") && line.contains("reevaluated-");
    }

    private double allowed() {
        String needle = "portcullis_live_reevaluations_total{cause=\"reload\",result=\"allowed\"} ";
        for (String line : fx.portcullis.metrics().scrape().split("\n")) {
            if (line.startsWith(needle)) {
                return Double.parseDouble(line.substring(needle.length()));
            }
        }
        return 0;
    }
}
