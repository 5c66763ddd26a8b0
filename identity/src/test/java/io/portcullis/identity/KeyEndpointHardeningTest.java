package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.IssuerConfig;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.fixtures.TokenBuilder;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key endpoint that redirects, sends HTML, sends too much or sends nonsense yields no keys, and each
 * failure is reported with its own code.
 */
class KeyEndpointHardeningTest {

    private static final int ONE_MIB = 1024 * 1024;

    private final RecordingEvents events = new RecordingEvents();
    private EmbeddedIssuer idp;
    private ScriptedHttpServer endpoint;
    private DefaultIdentityService service;

    @BeforeEach
    void start() {
        idp = EmbeddedIssuer.start("/idp");
        endpoint = new ScriptedHttpServer();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        endpoint.close();
        idp.close();
    }

    private void assertNoKeysBecause(URI jwksUri, String expectedCode) {
        IssuerConfig issuer = new IssuerConfig("corp", idp.issuerUrl(), jwksUri, false,
                List.of(TokenBuilder.DEFAULT_AUDIENCE), List.of("RS256"), Duration.ofSeconds(30),
                Duration.ofHours(1), null);
        service = DefaultIdentityService.start(TestConfigs.config(issuer), events);

        rejected(service, idp.token().sign(), AuthFailure.KEYS_UNAVAILABLE);

        assertTrue(events.fetches.contains("corp:" + expectedCode), events.fetches::toString);
        assertTrue(events.fetches.stream().noneMatch(f -> f.endsWith(":success")), events.fetches::toString);
    }

    private void script(int status, String contentType, String body, boolean chunked) {
        endpoint.respond(new ScriptedHttpServer.Response(status, contentType, body, null, chunked));
    }

    @Test
    void doesNotFollowRedirects() {
        endpoint.respond(new ScriptedHttpServer.Response(302, "text/plain", "", idp.jwksUri(), false));

        assertNoKeysBecause(endpoint.uri("/jwks"), "http-302");
        assertEquals(0, idp.jwksFetchCount(), "the redirect target was never fetched");
    }

    @Test
    void refusesNonJsonContentType() {
        script(200, "text/html", "{\"keys\":[]}", false);

        assertNoKeysBecause(endpoint.uri("/jwks"), "not-json");
    }

    @Test
    void refusesDeclaredOversizedBody() {
        script(200, "application/json", "{\"keys\":[], \"pad\":\"" + "x".repeat(ONE_MIB) + "\"}", false);

        assertNoKeysBecause(endpoint.uri("/jwks"), "body-too-large");
    }

    @Test
    void refusesStreamedOversizedBody() {
        script(200, "application/json", "{\"keys\":[], \"pad\":\"" + "x".repeat(ONE_MIB) + "\"}", true);

        assertNoKeysBecause(endpoint.uri("/jwks"), "body-too-large");
    }

    @Test
    void refusesInvalidJwks() {
        script(200, "application/json", "{\"keys\": 5}", false);

        assertNoKeysBecause(endpoint.uri("/jwks"), "jwks-invalid");
    }

    @Test
    void refusesKeySetWithoutSigningKeys() {
        script(200, "application/jwk-set+json",
                "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\"}]}", false);

        assertNoKeysBecause(endpoint.uri("/jwks"), "jwks-no-usable-keys");
    }

    @Test
    void reportsRefusedConnection() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertNoKeysBecause(URI.create("http://127.0.0.1:" + closedPort + "/jwks"), "connect-failed");
    }
}
