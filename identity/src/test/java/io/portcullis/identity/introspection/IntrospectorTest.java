package io.portcullis.identity.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ClientSecret;
import io.portcullis.config.IntrospectionConfig;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.OidcClientConfig;
import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.identity.AuthFailure;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.Identity;
import io.portcullis.identity.oidc.NimbusHttp;
import io.portcullis.identity.oidc.TestClock;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 7662 against a real authorization server (mock-oauth2-server): it introspects the tokens it
 * issued and calls anything else inactive. Requests to its endpoint are counted to prove caching.
 */
class IntrospectorTest {

    private final TestClock clock = new TestClock();
    private final MockOAuth2Server server = new MockOAuth2Server();

    IntrospectorTest() {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    private IssuerConfig issuer(URI endpoint, Duration cacheMax, Duration negativeTtl) {
        return new IssuerConfig("corp", server.issuerUrl("corp").toString(), null, true, List.of("portcullis"),
                List.of("RS256"), Duration.ofSeconds(30), Duration.ofHours(1), null,
                new OidcClientConfig("portcullis", new ClientSecret("s3cret", "env:TEST"), List.of("openid")),
                new IntrospectionConfig(endpoint, cacheMax, negativeTtl), SenderConstraintConfig.defaults());
    }

    private Introspector introspector(IssuerConfig issuer) {
        return new Introspector(List.of(issuer), new NimbusHttp(HttpClient.newHttpClient()), clock);
    }

    private AuthResult authenticate(Introspector introspector, String token) {
        try {
            return introspector.authenticate(token).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * How many introspection calls reached the server since the last count, with the client auth they
     * carried. The server records a request before answering it, so once our call completed it is
     * already queued: the short poll only finds the end of the queue.
     */
    private int introspectionCalls(List<String> authorizations) {
        int calls = 0;
        while (true) {
            RecordedRequest request;
            try {
                request = server.takeRequest(20, TimeUnit.MILLISECONDS);
            } catch (RuntimeException queueEmpty) {
                return calls;
            }
            if (request.getPath() != null && request.getPath().contains("introspect")) {
                calls++;
                authorizations.add(request.getHeader("Authorization"));
            }
        }
    }

    private int introspectionCalls() {
        return introspectionCalls(new java.util.ArrayList<>());
    }

    @Test
    void anActiveTokenBecomesAnIdentityAndIsAskedAboutOnceUntilCacheMax() throws Exception {
        Introspector introspector = introspector(issuer(null, Duration.ofMinutes(5), Duration.ofSeconds(10)));
        String token = server.issueToken("corp", "alice", "portcullis", Map.of("groups", List.of("admins")), 3600)
                .serialize();

        Identity identity = assertInstanceOf(AuthResult.Authenticated.class, authenticate(introspector, token)).identity();
        List<String> authorizations = new java.util.ArrayList<>();
        int first = introspectionCalls(authorizations);
        authenticate(introspector, token);
        int whileCached = introspectionCalls();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        authenticate(introspector, token);

        assertEquals("alice", identity.subject());
        assertEquals("corp", identity.issuerId());
        assertEquals(server.issuerUrl("corp").toString(), identity.issuer());
        assertEquals(null, identity.claims().get("active"), "the protocol flag is not a claim");
        assertEquals(1, first);
        assertTrue(authorizations.get(0).startsWith("Basic "), "introspection authenticates as our client");
        assertEquals(0, whileCached);
        assertEquals(1, introspectionCalls(), "after cache_max the issuer is asked again");
    }

    @Test
    void aTokenExpiringBeforeCacheMaxIsCachedOnlyUntilItsExp() throws Exception {
        Introspector introspector = introspector(issuer(null, Duration.ofMinutes(5), Duration.ofSeconds(10)));
        String token = server.issueToken("corp", "alice", "portcullis", Map.of(), 60).serialize();

        assertInstanceOf(AuthResult.Authenticated.class, authenticate(introspector, token));
        introspectionCalls();
        clock.advance(Duration.ofSeconds(61));
        authenticate(introspector, token);

        assertEquals(1, introspectionCalls(), "the cached answer died with the token");
    }

    @Test
    void anInactiveTokenIsRefusedAndTheAnswerReusedForTheNegativeTtl() throws Exception {
        Introspector introspector = introspector(issuer(null, Duration.ofMinutes(5), Duration.ofSeconds(10)));

        AuthResult.Rejected rejected = assertInstanceOf(AuthResult.Rejected.class,
                authenticate(introspector, "opaque-token-value"));
        int first = introspectionCalls();
        authenticate(introspector, "opaque-token-value");
        int withinTtl = introspectionCalls();
        clock.advance(Duration.ofSeconds(11));
        authenticate(introspector, "opaque-token-value");

        assertEquals(AuthFailure.TOKEN_INACTIVE, rejected.reason());
        assertEquals(1, first);
        assertEquals(0, withinTtl);
        assertEquals(1, introspectionCalls());
    }

    @Test
    void anActiveAnswerForAnotherAudienceIsRefused() {
        Introspector introspector = introspector(issuer(null, Duration.ofMinutes(5), Duration.ofSeconds(10)));
        String token = server.issueToken("corp", "alice", "another-api", Map.of(), 3600).serialize();

        AuthResult.Rejected rejected = assertInstanceOf(AuthResult.Rejected.class, authenticate(introspector, token));

        assertEquals(AuthFailure.TOKEN_INACTIVE, rejected.reason());
    }

    @Test
    void anUnreachableEndpointIsReportedAndNotCached() throws Exception {
        URI down;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/introspect");
        }
        Introspector broken = introspector(issuer(down, Duration.ofMinutes(5), Duration.ofSeconds(10)));

        AuthResult.Rejected rejected = assertInstanceOf(AuthResult.Rejected.class, authenticate(broken, "opaque"));
        Introspector working = introspector(issuer(server.url("/corp/introspect").uri(), Duration.ofMinutes(5),
                Duration.ofSeconds(10)));

        assertEquals(AuthFailure.INTROSPECTION_UNAVAILABLE, rejected.reason());
        assertEquals(AuthFailure.TOKEN_INACTIVE,
                assertInstanceOf(AuthResult.Rejected.class, authenticate(working, "opaque")).reason());
    }

    @Test
    void aFailedCallIsNotReusedEvenByARequestArrivingAsItCompletes() throws Exception {
        // An endpoint that fails its first call and calls the token active after that.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        String active = "{\"active\":true,\"sub\":\"alice\",\"iss\":\"" + server.issuerUrl("corp")
                + "\",\"aud\":\"portcullis\",\"exp\":" + (clock.instant().getEpochSecond() + 3600) + "}";
        com.sun.net.httpserver.HttpServer endpoint = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/introspect", exchange -> {
            try (exchange) {
                byte[] body = active.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getRequestBody().readAllBytes();
                if (calls.getAndIncrement() == 0) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        endpoint.start();
        try {
            Introspector introspector = introspector(issuer(
                    URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/introspect"),
                    Duration.ofMinutes(5), Duration.ofSeconds(10)));

            // The second request starts inside the first one's completion, on the thread that completed it.
            java.util.concurrent.CompletableFuture<AuthResult> first = introspector.authenticate("opaque");
            AuthResult second = first.thenCompose(failed -> introspector.authenticate("opaque"))
                    .get(20, TimeUnit.SECONDS);

            assertEquals(AuthFailure.INTROSPECTION_UNAVAILABLE,
                    assertInstanceOf(AuthResult.Rejected.class, first.join()).reason());
            assertInstanceOf(AuthResult.Authenticated.class, second, "the endpoint was asked again");
            assertEquals(2, calls.get());
        } finally {
            endpoint.stop(0);
        }
    }
}
