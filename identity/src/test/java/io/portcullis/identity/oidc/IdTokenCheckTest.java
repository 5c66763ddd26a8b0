package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.jwks.JwksCache;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdTokenCheckTest {

    private final MockIdp idp = new MockIdp();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final JwksCache cache = new JwksCache(idp.issuerConfig(), HttpClient.newHttpClient(), IdentityEvents.NONE,
            Clock.systemUTC(), Duration.ofSeconds(30));
    private final IdTokenCheck check = new IdTokenCheck(idp.issuer(), MockIdp.CLIENT_ID,
            new IssuerKeys(cache, List.of("RS256")), Duration.ofSeconds(30));

    IdTokenCheckTest() {
        cache.start(scheduler);
    }

    @AfterEach
    void stop() {
        cache.release();
        scheduler.shutdownNow();
        idp.close();
    }

    private JWT idToken(String issuerId, String audience, Map<String, Object> claims, long expirySeconds) {
        return idp.server.issueToken(issuerId, "alice", audience, claims, expirySeconds);
    }

    @Test
    void acceptsOurClientsTokenWithOurNonce() {
        JWTClaimsSet claims = Futures.value(check.check(idToken(MockIdp.ISSUER_ID, MockIdp.CLIENT_ID,
                Map.of("nonce", "n-1"), 300), "n-1"));

        assertEquals("alice", claims.getSubject());
    }

    @Test
    void refusesAnotherNonce() {
        assertEquals("id-token-invalid", Futures.failure(check.check(
                idToken(MockIdp.ISSUER_ID, MockIdp.CLIENT_ID, Map.of("nonce", "n-1"), 300), "n-2")));
    }

    @Test
    void refusesAMissingNonceWhenOneWasSent() {
        assertEquals("id-token-invalid", Futures.failure(check.check(
                idToken(MockIdp.ISSUER_ID, MockIdp.CLIENT_ID, Map.of(), 300), "n-1")));
    }

    @Test
    void refusesAnotherAudience() {
        assertEquals("id-token-invalid", Futures.failure(check.check(
                idToken(MockIdp.ISSUER_ID, "another-client", Map.of("nonce", "n-1"), 300), "n-1")));
    }

    @Test
    void refusesAnotherIssuerOnTheSameServer() {
        // Same server, same keys, but the iss names another tenant: still not our issuer.
        assertEquals("id-token-invalid", Futures.failure(check.check(
                idToken("other-tenant", MockIdp.CLIENT_ID, Map.of("nonce", "n-1"), 300), "n-1")));
    }

    @Test
    void refusesAnExpiredToken() {
        assertEquals("id-token-invalid", Futures.failure(check.check(
                idToken(MockIdp.ISSUER_ID, MockIdp.CLIENT_ID, Map.of("nonce", "n-1"), -120), "n-1")));
    }

    @Test
    void refusesAnUnsignedToken() {
        PlainJWT unsigned = new PlainJWT(new JWTClaimsSet.Builder().issuer(idp.issuer()).subject("alice")
                .audience(MockIdp.CLIENT_ID).claim("nonce", "n-1").issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());

        assertEquals("id-token-invalid", Futures.failure(check.check(unsigned, "n-1")));
    }

    @Test
    void refusesNoToken() {
        assertEquals("id-token-missing", Futures.failure(check.check(null, "n-1")));
    }
}
