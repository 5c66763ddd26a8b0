package io.portcullis.proxy.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.identity.IssuerStatus;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.observe.DecisionLog;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The start's warm-up through a real Portcullis (real listeners, issuers serving JWKS, echo upstream):
 * it runs before readiness, and leaves nothing a user or a real request could see.
 */
class PipelineWarmupTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // Settling bounded short: a test JVM's compilers are busy with every other test's code too.
    static final String WARM = ProxyFixture.EXAMPLE + "warmup: { enabled: true, iterations: 300, settle: 5s }\n";

    @Test
    void readyzAnswersReadyOnlyAfterTheWarmUpRan() throws Exception {
        int adminPort;
        try (ServerSocket s = new ServerSocket(0)) {
            adminPort = s.getLocalPort();
        }
        // What happened, in order: the warm-up's own log line, and the first 200 of /readyz.
        List<String> events = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> warmupLog = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().startsWith("warm-up: ")) {
                    // Logged once everything the warm-up opened is closed again.
                    events.add("warm-up done");
                }
            }
        };
        Logger logger = (Logger) LoggerFactory.getLogger(PipelineWarmup.class);
        warmupLog.start();
        logger.addAppender(warmupLog);
        AtomicBoolean stop = new AtomicBoolean();
        URI readyz = URI.create("http://127.0.0.1:" + adminPort + "/readyz");
        URI healthz = URI.create("http://127.0.0.1:" + adminPort + "/healthz");
        Thread poller = new Thread(() -> {
            while (!stop.get()) {
                try {
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(readyz).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) {
                        events.add("ready");
                        return;
                    }
                    if (answer.statusCode() == 503 && answer.body().contains("warming up the request path")
                            && !events.contains("not ready: warming up")) {
                        events.add("not ready: warming up");
                        // A liveness probe meanwhile finds the process alive, and does not restart it.
                        events.add("healthz " + HTTP.send(HttpRequest.newBuilder(healthz).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode());
                    }
                } catch (Exception notListeningYet) {
                    // connection refused while the start (and its warm-up) runs
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        poller.start();
        try (ProxyFixture fx = new ProxyFixture(WARM.replace("admin: 127.0.0.1:0", "admin: 127.0.0.1:" + adminPort))) {
            poller.join(20_000);
            WarmupReport report = fx.portcullis.warmup();
            assertNull(report.skipped(), "the warm-up ran");
            assertEquals(600, report.decisions(), "300 decisions for each of RS256 and ES256");
            assertTrue(report.forwarded() > 0, "some synthetic requests passed the real policies: " + report);
            assertTrue(report.requests() >= 300, "at least as many through the throwaway loopback listener, more while"
                    + " the JIT compilers were busy: " + report);
            assertTrue(report.proxied() >= 150, "every other one allowed and proxied to the throwaway upstream: "
                    + report);
            // The admin listener opens before the warm-up; the data port, and readiness, only after it.
            assertEquals(List.of("not ready: warming up", "healthz 200", "warm-up done", "ready"), events);
        } finally {
            stop.set(true);
            poller.interrupt();
            logger.detachAppender(warmupLog);
        }
    }

    @Test
    void aWarmUpTokenIsRefusedByTheRealListenerAndNeverReachesTheUpstream() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(WARM); ThrowawayIssuer warm = ThrowawayIssuer.start()) {
            awaitReady(fx);
            // Signed as the warm-up signs: under the real issuer's id, for its audience, both algorithms.
            for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)) {
                String token = warm.sign("corp", "portcullis", alg, 1, null);
                try (RawHttp c = fx.client()) {
                    assertEquals(401, c.get("/admin", "Authorization: Bearer " + token).status(), alg.getName());
                }
            }
            assertEquals(List.of(), fx.upstream.requests(), "the upstream saw no request");
            // The running service trusts only the configured issuers; none of them is a warm-up issuer.
            List<IssuerStatus> trusted = fx.portcullis.current().identity().issuers();
            assertEquals(List.of("corp", "mdm"), trusted.stream().map(IssuerStatus::issuerId).toList());
            assertTrue(fx.awaitDecision("\"decision\":\"deny\"").contains("token"),
                    "refused as a bad token: " + fx.decisionLines());
            // The real path still allows a real token after the warm-up.
            try (RawHttp c = fx.client()) {
                assertEquals(200, c.get("/public/x").status());
            }
        }
    }

    @Test
    void theWarmUpWritesNoDecisionLineNoMetricAndNoState() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(WARM)) {
            assertEquals(600, fx.portcullis.warmup().decisions());
            awaitReady(fx);
            assertTrue(DecisionLog.drain(Duration.ofSeconds(5)));
            assertEquals(List.of(), fx.decisionLines(), "600 synthetic decisions, not one line");
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.portcullis.adminPort()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertFalse(metrics.contains("portcullis_requests_total{"), "no request counted: " + metrics);
            assertTrue(metrics.contains("portcullis_decision_latency_seconds_count 0"), metrics);
            assertTrue(metrics.contains("portcullis_token_cache_total{result=\"miss\"} 0.0")
                    || !metrics.contains("portcullis_token_cache_total{result=\"miss\"}"), metrics);
            assertTrue(metrics.contains("portcullis_token_cache_total{result=\"hit\"} 0.0")
                    || !metrics.contains("portcullis_token_cache_total{result=\"hit\"}"), metrics);
            // Only the real issuers' own fetches: the warm-up's JWKS fetches are not counted under their ids.
            assertTrue(metrics.contains("portcullis_jwks_fetches_total{issuer=\"corp\",result=\"success\"} 1.0"), metrics);
            assertEquals(0, fx.portcullis.state().mirrorSize(), "nothing revoked");
            assertEquals(0, fx.upstream.connectionsAccepted(), "no upstream was touched");
        }
    }

    @Test
    void withoutSettlingTheListenerTakesExactlyItsIterations() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(WARM.replace("settle: 5s", "settle: 0s"))) {
            WarmupReport report = fx.portcullis.warmup();
            assertNull(report.skipped(), "the warm-up ran");
            assertEquals(300, report.requests(), "no settling rounds after the iterations: " + report);
            assertFalse(report.compilersSettled(), "and it does not claim the compilers settled");
        }
    }

    private static void awaitReady(ProxyFixture fx) throws Exception {
        URI readyz = URI.create("http://127.0.0.1:" + fx.portcullis.adminPort() + "/readyz");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (HTTP.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never ready");
            }
            Thread.sleep(20);
        }
    }
}
