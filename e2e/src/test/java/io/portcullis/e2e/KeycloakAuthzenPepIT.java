package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.Portcullis;
import io.portcullis.proxy.observe.DecisionLog;
import io.portcullis.proxy.pdp.PdpClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Portcullis as the AuthZEN enforcement point with Keycloak 26.7.3 ({@code --features=authzen}) as the
 * PDP: a real listener in front of a real upstream, whose routes ask Keycloak with the {@code authzen}
 * criterion, authenticating to it with the client credentials of the resource server
 * {@code portcullis-pdp} (Keycloak takes the resource server from the caller token's {@code azp}).
 * alice (admins) and bob (staff) come with their own Keycloak access tokens; the realm lets admins read
 * and delete the document {@code reports} and staff only read it. A refusal, a PDP nobody listens on and
 * a PDP whose token cannot be fetched are all 403 with their own reason, and the upstream never sees them.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakAuthzenPepIT {

    private static final List<String> DECISIONS = new CopyOnWriteArrayList<>();
    private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();
    /** Collects decision lines and the PDP client's warnings, written from other threads while the test reads them. */
    private static final AppenderBase<ILoggingEvent> APPENDER = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            (event.getLoggerName().equals(DecisionLog.LOGGER_NAME) ? DECISIONS : WARNINGS).add(event.getFormattedMessage());
        }
    };

    private static EchoUpstream upstream;
    private static Portcullis portcullis;
    private static String alice;
    private static String bob;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Its config and secret files, removed by JUnit after the class (the proxies close in @AfterAll). */
    @TempDir
    static Path dir;

    @BeforeAll
    static void start(Keycloak keycloak) throws Exception {
        alice = keycloak.passwordGrantAccessToken("alice", "alice-password");
        bob = keycloak.passwordGrantAccessToken("bob", "bob-password");
        upstream = EchoUpstream.start();
        Path secret = Files.writeString(dir.resolve("pdp.secret"), "portcullis-pdp-secret\n");
        Path wrongSecret = Files.writeString(dir.resolve("wrong.secret"), "not-the-secret\n");
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("portcullis.yaml"), """
                listen: 127.0.0.1:0
                admin: 127.0.0.1:0
                issuers:
                  - id: corp
                    issuer: %1$s
                    discovery: true
                    audiences: [portcullis]
                    algorithms: [RS256, ES256]
                authzen_pdps:
                  keycloak:
                    url: %1$s/authzen/access/v1/evaluation
                    client: { token_endpoint: %2$s, client_id: portcullis-pdp, client_secret_file: %3$s }
                    timeout: 10s
                    cache: { allow: 0s, deny: 0s }
                  nobody-listens:
                    url: http://127.0.0.1:%4$d/realms/corp/authzen/access/v1/evaluation
                    client: { token_endpoint: %2$s, client_id: portcullis-pdp, client_secret_file: %3$s }
                    timeout: 10s
                  wrong-secret:
                    url: %1$s/authzen/access/v1/evaluation
                    client: { token_endpoint: %2$s, client_id: portcullis-pdp, client_secret_file: %5$s }
                    timeout: 10s
                routes:
                  - id: read
                    match: { path_prefix: /docs, methods: [GET] }
                    upstream: %6$s
                    policy: read-documents
                  - id: delete
                    match: { path_prefix: /docs, methods: [DELETE] }
                    upstream: %6$s
                    policy: delete-documents
                  - id: down
                    match: { path_prefix: /down }
                    upstream: %6$s
                    policy: down
                  - id: unauthenticated-pep
                    match: { path_prefix: /unauthenticated-pep }
                    upstream: %6$s
                    policy: unauthenticated-pep
                policies:
                  read-documents:
                    allow:
                      authzen: { pdp: keycloak, action: read, resource: { type: document, id: { path_segment: 2 } } }
                  delete-documents:
                    allow:
                      authzen: { pdp: keycloak, action: delete, resource: { type: document, id: { path_segment: 2 } } }
                  down:
                    allow:
                      authzen: { pdp: nobody-listens, action: read, resource: { type: document, id: { path_segment: 2 } } }
                  unauthenticated-pep:
                    allow:
                      authzen: { pdp: wrong-secret, action: read, resource: { type: document, id: { path_segment: 2 } } }
                """.formatted(keycloak.issuer(), keycloak.tokenEndpoint(), secret, closed, wrongSecret, upstream.url()));
        APPENDER.start();
        ((Logger) LoggerFactory.getLogger(DecisionLog.LOGGER_NAME)).addAppender(APPENDER);
        ((Logger) LoggerFactory.getLogger(PdpClient.class)).addAppender(APPENDER);
        portcullis = Portcullis.start(config, ConfigCompiler.compile(config), DefaultIdentityService::start, false);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(DecisionLog.LOGGER_NAME)).detachAppender(APPENDER);
        ((Logger) LoggerFactory.getLogger(PdpClient.class)).detachAppender(APPENDER);
        if (portcullis != null) {
            portcullis.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portcullis.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The request's decision line, found by the request id the response carries. */
    private static String decision(HttpResponse<String> response) throws InterruptedException {
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : DECISIONS) {
                if (line.contains("\"" + id + "\"")) {
                    return line;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no decision line for " + id + " in " + DECISIONS);
    }

    private void forwarded(String method, String path, String token) throws Exception {
        HttpResponse<String> response = send(method, path, token);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(decision(response).contains("\"reasons\":[\"authzen-permitted\"]"), decision(response));
        RecordedRequest seen = upstream.requests().stream().filter(r -> r.uri().equals(path)).findFirst().orElse(null);
        assertNotNull(seen, "the upstream saw " + method + " " + path);
        assertEquals(method, seen.method());
    }

    private void refused(String method, String path, String token, String reason) throws Exception {
        HttpResponse<String> response = send(method, path, token);
        assertEquals(403, response.statusCode(), response.body());
        String line = decision(response);
        assertTrue(line.contains("\"reasons\":[\"" + reason + "\"]"), line);
        assertTrue(upstream.requests().stream().noneMatch(r -> r.uri().equals(path)), "the upstream never saw " + path);
    }

    @Test
    void aliceOfTheAdminsMayReadAndDelete() throws Exception {
        forwarded("GET", "/docs/reports/alice-reads", alice);
        forwarded("DELETE", "/docs/reports/alice-deletes", alice);
    }

    @Test
    void bobOfTheStaffMayReadButNotDelete() throws Exception {
        forwarded("GET", "/docs/reports/bob-reads", bob);
        refused("DELETE", "/docs/reports/bob-deletes", bob, "authzen-denied");
    }

    @Test
    void aDocumentTheRealmDoesNotKnowIsDenied() throws Exception {
        refused("GET", "/docs/payroll/alice-reads", alice, "authzen-denied");
    }

    @Test
    void aPdpNobodyListensOnIsUnavailable() throws Exception {
        refused("GET", "/down/reports/alice-reads", alice, "pdp-unavailable");
        assertTrue(WARNINGS.stream().anyMatch(w -> w.startsWith("AuthZEN PDP 'nobody-listens' unreachable (ConnectException)")),
                WARNINGS.toString());
    }

    @Test
    void aPdpWhoseTokenCannotBeFetchedIsUnavailable() throws Exception {
        refused("GET", "/unauthenticated-pep/reports/alice-reads", alice, "pdp-unavailable");
        // The warning says that Keycloak refused the client, with its error code, and never the secret.
        String warning = WARNINGS.stream().filter(w -> w.contains("'wrong-secret'")).findFirst().orElseThrow(
                () -> new AssertionError("no warning about wrong-secret in " + WARNINGS));
        assertTrue(warning.startsWith("AuthZEN PDP 'wrong-secret' got no access token from its token endpoint (token-"),
                warning);
        assertFalse(warning.contains("not-the-secret"), warning);
    }
}
