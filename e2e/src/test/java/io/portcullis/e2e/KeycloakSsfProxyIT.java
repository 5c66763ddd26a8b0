package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.LoopbackPorts;
import io.portcullis.fixtures.RecordingListener;
import io.portcullis.fixtures.RedisServerProcess;
import io.portcullis.fixtures.WebSocketEchoUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous access end to end, every part real: Keycloak's SSF transmitter ({@code --features=ssf})
 * pushes to the push path of Portcullis replica A ({@code /.portcullis/ssf/push/keycloak}, a stream A
 * created itself through Keycloak's management API); replica B reads the same stream ({@code stream_id})
 * and learns the revocations through the redis-server both share. Alice and bob sign in through A on
 * Keycloak's real login pages, use their session cookie on B too, and open a WebSocket through B to a
 * real WebSocket upstream. An administrator ending alice's sessions, or resetting her password, makes
 * both replicas refuse her cookie (the upstreams never see it again) and B close her WebSocket with 1008;
 * bob keeps his access and his socket. Back-channel logout is switched off for the login client, so the
 * security event is the only way the proxy could learn of either action.
 *
 * <p>With {@code -Dssf.latency.runs=N} it also measures, N times, the time from sending the admin logout
 * call to the first refused request on A and on B and to B's closed socket, and prints p50/p99 (in the
 * failsafe report's output file). Keycloak answers that call before or after it pushes the event (its
 * outbox drains on its own schedule), so the time is counted from the request, not from its answer.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakSsfProxyIT {

    static final String TRANSMITTER = "keycloak";
    static final String RECEIVER = "portcullis-ssf";
    static final String RECEIVER_SECRET = "portcullis-ssf-secret";
    /** A bound, not a measurement: Keycloak's outbox is drained every 250 ms in this run. */
    static final Duration ENFORCED_WITHIN = Duration.ofSeconds(10);
    static final String ROUTES = """
              - id: chat
                match: { path_prefix: /ws }
                upstream: %s
                policy: signed-in
                login: true
                websocket: true
              - id: home
                match: { path_prefix: /home }
                upstream: ${UPSTREAM}
                policy: signed-in
                login: true
                identity_headers:
                  X-Forwarded-User: sub
            """;

    private static Keycloak keycloak;
    private static RedisServerProcess redis;
    private static WebSocketEchoUpstream chat;
    private static ProxyUnderTest a;
    private static ProxyUnderTest b;
    private static final List<WebSocket> sockets = new ArrayList<>();
    /** When the last revocation was seen enforced: a token issued in the same second would fall under it. */
    private static Instant lastRevocation = Instant.EPOCH;

    /** Its config and secret files, removed by JUnit after the class (the proxies close in @AfterAll). */
    @TempDir
    static Path dir;

    @BeforeAll
    static void start(Keycloak kc) throws Exception {
        Assumptions.assumeTrue(RedisServerProcess.available(), RedisServerProcess.INSTALL_HINT);
        keycloak = kc;
        keycloak.addDefaultClientScopes(RECEIVER, "ssf.read", "ssf.manage");
        // Keycloak allows one stream per receiver client: one left by an earlier failed run would refuse A's.
        keycloak.ssfStreamIds(RECEIVER, RECEIVER_SECRET).forEach(id -> keycloak.deleteSsfStream(RECEIVER, RECEIVER_SECRET, id));
        // KeycloakSsoIT points the login client's back-channel logout at its own proxy; off, so that
        // only the security event can tell these replicas of the admin's action.
        keycloak.updateClient("portcullis", Map.of(), Map.of("backchannel.logout.url", ""));
        redis = RedisServerProcess.start();
        chat = new WebSocketEchoUpstream();
        int portA = LoopbackPorts.free();
        String pushUrl = "http://127.0.0.1:" + portA + "/.portcullis/ssf/push/" + TRANSMITTER;
        keycloak.updateClient(RECEIVER, Map.of(), Map.of("ssf.validPushUrls", pushUrl));
        Path pushSecret = Files.writeString(dir.resolve("ssf-push"), "push-secret-" + System.nanoTime());
        Path clientSecret = Files.writeString(dir.resolve("ssf-client"), RECEIVER_SECRET);
        String routes = ROUTES.formatted(chat.url());

        a = new ProxyUnderTest(keycloak.issuer(), "portcullis", "portcullis-secret",
                new ProxyUnderTest.Extras(routes, sections(pushUrl, pushSecret, clientSecret, null), null, portA));
        eventually("A connected to redis and its stream created", Duration.ofSeconds(60),
                () -> a.portcullis.state().health().up() && a.portcullis.securityEvents().ready(TRANSMITTER));
        List<String> streams = keycloak.ssfStreamIds(RECEIVER, RECEIVER_SECRET);
        assertEquals(1, streams.size(), "A created the receiver's one stream: " + streams);
        b = new ProxyUnderTest(keycloak.issuer(), "portcullis", "portcullis-secret",
                new ProxyUnderTest.Extras(routes, sections(pushUrl, pushSecret, clientSecret, streams.get(0)), a.sessionKey, 0));
        eventually("B connected to redis and read A's stream", Duration.ofSeconds(60),
                () -> b.portcullis.state().health().up() && b.portcullis.securityEvents().ready(TRANSMITTER));
    }

    /** The same {@code state} and {@code security_events} on both replicas; B names the stream A made. */
    private static String sections(String pushUrl, Path pushSecret, Path clientSecret, String streamId) {
        return """
                state:
                  type: redis
                  url: %s
                security_events:
                  transmitters:
                    - id: %s
                      issuer: %s
                      audiences: [%s]
                      algorithms: [RS256]
                      delivery: push
                      push_authorization_file: %s
                      push_url: %s
                %s      client:
                        token_endpoint: %s
                        client_id: %s
                        client_secret_file: %s
                        scopes: [ssf.manage, ssf.read]
                """.formatted(redis.url(), TRANSMITTER, keycloak.issuer(), RECEIVER, pushSecret, pushUrl,
                streamId == null ? "" : "      stream_id: " + streamId + "\n", keycloak.tokenEndpoint(), RECEIVER,
                clientSecret);
    }

    @AfterAll
    static void stop() {
        sockets.forEach(WebSocket::abort);
        for (AutoCloseable c : new AutoCloseable[] {b, a, chat, redis}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing the rest matters more
                }
            }
        }
        if (keycloak != null && redis != null) {
            keycloak.ssfStreamIds(RECEIVER, RECEIVER_SECRET).forEach(id -> keycloak.deleteSsfStream(RECEIVER, RECEIVER_SECRET, id));
        }
    }

    /** A user signed in through A, her cookie used on B too, and her WebSocket open through B. */
    private static final class SignedIn {
        final String user;
        final WebBrowser browser = new WebBrowser();
        final RecordingListener onB = new RecordingListener();
        /** The proxy's cookies as issued at sign-in: sent as they were after a refusal cleared them. */
        Map<String, String> proxyCookies;
        WebSocket ws;
        volatile long closedAt;

        SignedIn(String user) {
            this.user = user;
            onB.closed.whenComplete((code, e) -> closedAt = System.nanoTime());
        }
    }

    static SignedIn signIn(String user) throws Exception {
        // A revocation covers what was issued up to its second: a new login waits for the next one.
        while (Instant.now().getEpochSecond() <= lastRevocation.getEpochSecond()) {
            Thread.sleep(50);
        }
        SignedIn s = new SignedIn(user);
        HttpResponse<String> toKeycloak = s.browser.get(a.url("/home"));
        assertEquals(302, toKeycloak.statusCode(), toKeycloak.body());
        HttpResponse<String> callback = KeycloakLogin.signIn(s.browser, toKeycloak, user, user + "-password", null);
        assertEquals(302, callback.statusCode(), callback.body());
        assertEquals(200, s.browser.get(WebBrowser.resolve(callback)).statusCode());
        s.proxyCookies = Map.copyOf(s.browser.cookiesFor(a.url("/")));
        withHerCookie(s);
        assertEquals(200, s.browser.get(b.url("/home")).statusCode(), user + "'s session works on B");
        String cookie = s.browser.cookiesFor(b.url("/")).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        s.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", cookie)
                .buildAsync(URI.create("ws://127.0.0.1:" + b.port + "/ws"), s.onB).get(10, TimeUnit.SECONDS);
        synchronized (sockets) {
            sockets.add(s.ws);
        }
        s.ws.sendText("hello from " + user, true).get(5, TimeUnit.SECONDS);
        assertEquals("echo: hello from " + user, s.onB.texts.poll(10, TimeUnit.SECONDS));
        return s;
    }

    /** Puts the cookies she got at sign-in back in her browser for both replicas, as someone replaying them would. */
    private static void withHerCookie(SignedIn s) {
        s.browser.cookies.put(authority(a), new LinkedHashMap<>(s.proxyCookies));
        s.browser.cookies.put(authority(b), new LinkedHashMap<>(s.proxyCookies));
    }

    private static String authority(ProxyUnderTest p) {
        return URI.create(p.url("/")).getRawAuthority();
    }

    /** Refused: sent back to Keycloak to sign in, not served. */
    private static boolean refused(HttpResponse<String> response) {
        return response.statusCode() == 302 && WebBrowser.resolve(response)
                .startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?");
    }

    /** When (System.nanoTime) A and B first refused the user's cookie and B closed her socket. */
    record Enforced(long refusedOnA, long refusedOnB, long closedOnB) {
    }

    /**
     * Polls both replicas (every 5 ms, bounded) until each refuses the user's cookie and B has closed her
     * socket; fails when that has not all happened within {@link #ENFORCED_WITHIN}.
     */
    static Enforced awaitEnforced(SignedIn s) throws InterruptedException {
        long deadline = System.nanoTime() + ENFORCED_WITHIN.toNanos();
        long onA = 0;
        long onB = 0;
        while ((onA == 0 || onB == 0 || !s.onB.closed.isDone()) && System.nanoTime() < deadline) {
            withHerCookie(s);
            if (onA == 0 && refused(s.browser.get(a.url("/home")))) {
                onA = System.nanoTime();
            }
            if (onB == 0 && refused(s.browser.get(b.url("/home")))) {
                onB = System.nanoTime();
            }
            Thread.sleep(5);
        }
        lastRevocation = Instant.now();
        assertTrue(onA != 0, "A still serves " + s.user + "'s cookie after " + ENFORCED_WITHIN);
        assertTrue(onB != 0, "B still serves " + s.user + "'s cookie after " + ENFORCED_WITHIN);
        assertTrue(s.onB.closed.isDone(), "B did not close " + s.user + "'s WebSocket within " + ENFORCED_WITHIN);
        return new Enforced(onA, onB, s.closedAt);
    }

    /** Her session is over everywhere, and nothing of hers reaches either upstream any more. */
    static void assertEnded(SignedIn s) throws Exception {
        awaitEnforced(s);
        assertEquals(1008, s.onB.closed.get(), "B closed " + s.user + "'s WebSocket as a policy violation");
        int seenA = a.seen().size();
        int seenB = b.seen().size();
        withHerCookie(s);
        assertTrue(refused(s.browser.get(a.url("/home"))));
        assertTrue(refused(s.browser.get(b.url("/home"))));
        assertEquals(seenA, a.seen().size(), "A's upstream saw no request of " + s.user + " after the refusal");
        assertEquals(seenB, b.seen().size(), "B's upstream saw no request of " + s.user + " after the refusal");
    }

    /** His session and socket are untouched: the event named someone else. */
    static void assertKept(SignedIn s) throws Exception {
        String sub = keycloak.userId(s.user);
        assertEquals(200, s.browser.get(a.url("/home")).statusCode(), s.user + " keeps access on A");
        assertEquals(sub, a.last().header("X-Forwarded-User"));
        assertEquals(200, s.browser.get(b.url("/home")).statusCode(), s.user + " keeps access on B");
        assertEquals(sub, b.last().header("X-Forwarded-User"));
        assertFalse(s.onB.closed.isDone(), s.user + "'s WebSocket on B stays open");
        s.ws.sendText("still here", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo: still here", s.onB.texts.poll(10, TimeUnit.SECONDS));
    }

    /** {@code portcullis_security_events_total} of the transmitter for one event type, result applied. */
    static double applied(ProxyUnderTest p, String type) {
        return Arrays.stream(p.portcullis.metrics().scrape().split("\n"))
                .filter(l -> l.startsWith("portcullis_security_events_total{") && l.contains("transmitter=\"" + TRANSMITTER + "\"")
                        && l.contains("type=\"" + type + "\"") && l.contains("result=\"applied\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    static void eventually(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + within);
            }
            Thread.sleep(50);
        }
    }

    @Test
    @Order(1)
    void anAdministratorEndingAlicesSessionsEndsThemOnBothReplicasAndClosesHerWebSocket() throws Exception {
        endsAlicesAccessKeepingBobs("session-revoked", () -> keycloak.logoutUser("alice"));
    }

    @Test
    @Order(2)
    void anAdministratorResettingAlicesPasswordEndsHerSessionsOnBothReplicasAndClosesHerWebSocket() throws Exception {
        // Keycloak keeps her own sessions on an admin reset: only the event ends them here.
        endsAlicesAccessKeepingBobs("credential-change", () -> keycloak.resetPassword("alice", "alice-password"));
    }

    /** Alice and bob signed in, the admin acts on alice: hers end on both replicas through A's event, his stay. */
    private static void endsAlicesAccessKeepingBobs(String eventType, Runnable adminAction) throws Exception {
        SignedIn alice = signIn("alice");
        SignedIn bob = signIn("bob");
        double onA = applied(a, eventType);

        adminAction.run();

        assertEnded(alice);
        assertKept(bob);
        assertEquals(onA + 1, applied(a, eventType), "A applied Keycloak's " + eventType + " event");
        assertEquals(0, applied(b, eventType), "B was pushed nothing: it learned through redis");
    }

    @Test
    @Order(3)
    @EnabledIfSystemProperty(named = "ssf.latency.runs", matches = "[1-9][0-9]*")
    void measureTheTimeFromAnAdminLogoutToEnforcement() throws Exception {
        int runs = Integer.getInteger("ssf.latency.runs");
        List<Double> call = new ArrayList<>();
        List<Double> refusedA = new ArrayList<>();
        List<Double> refusedB = new ArrayList<>();
        List<Double> closedB = new ArrayList<>();
        String aliceId = keycloak.userId("alice");
        for (int i = 0; i < runs; i++) {
            SignedIn alice = signIn("alice");
            String token = keycloak.adminToken();
            long sent = System.nanoTime();
            keycloak.logoutUser(aliceId, token);
            long answered = System.nanoTime();
            Enforced e = awaitEnforced(alice);
            call.add(millis(answered - sent));
            refusedA.add(millis(e.refusedOnA() - sent));
            refusedB.add(millis(e.refusedOnB() - sent));
            closedB.add(millis(e.closedOnB() - sent));
        }
        System.out.printf("ssf latency over %d admin logouts (ms from sending the admin's logout call, which took %s)%n"
                + "  first refused request on A (pushed to): %s%n  first refused request on B (via redis): %s%n"
                + "  WebSocket on B closed 1008:             %s%n", runs, summary(call), summary(refusedA),
                summary(refusedB), summary(closedB));
        assertEquals(runs, closedB.size());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** p50, p99 (nearest rank), min and max. */
    static String summary(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return "p50 %.0f, p99 %.0f, min %.0f, max %.0f".formatted(rank(sorted, 0.50), rank(sorted, 0.99),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static double rank(List<Double> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
