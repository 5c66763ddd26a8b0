package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static io.portcullis.identity.Outcomes.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import java.net.URI;
import io.portcullis.fixtures.EmbeddedIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key fetching against a real issuer: rotation, unknown-kid floods, outages. */
class JwksKeyLifecycleTest {

    private EmbeddedIssuer idp;
    private RecordingEvents events;
    private DefaultIdentityService service;

    @BeforeEach
    void startIssuer() {
        idp = EmbeddedIssuer.start("/idp");
        events = new RecordingEvents();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        idp.close();
    }

    private void startService(IdentitySettings settings) {
        PortcullisConfig config = TestConfigs.config(TestConfigs.issuer("corp", idp));
        service = DefaultIdentityService.start(config, events, settings);
    }

    @Test
    void rotatedKeyIsFetchedOnceThenAccepted() {
        startService(IdentitySettings.defaults());
        authenticated(service, idp.token().sign());
        assertEquals(1, idp.jwksFetchCount());

        idp.rotate();
        authenticated(service, idp.token().sign());
        authenticated(service, idp.token().algorithm(JWSAlgorithm.ES256).sign());

        assertEquals(2, idp.jwksFetchCount(), "one refetch serves every new kid");
        assertEquals(4, service.issuers().get(0).keyCount(), "old keys stay published until retired");
    }

    @Test
    void floodOfUnknownKidsCausesOneFetch() {
        startService(IdentitySettings.defaults());
        authenticated(service, idp.token().sign());

        List<CompletableFuture<AuthResult>> flood = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            flood.add(service.authenticate(idp.token().kid(UUID.randomUUID().toString()).sign()));
        }
        for (CompletableFuture<AuthResult> result : flood) {
            AuthResult outcome = Await.result(result);
            assertEquals(AuthFailure.KEY_NOT_FOUND, ((AuthResult.Rejected) outcome).reason());
        }

        assertEquals(2, idp.jwksFetchCount(), "the initial fetch plus one on-demand refetch, not one per kid");
        assertEquals(1, events.signatureChecks.get(), "only the warm-up token; none against an unknown kid");
    }

    @Test
    void unknownKidRefetchesAgainOnlyAfterTheInterval() {
        startService(IdentitySettings.defaults().withUnknownKidRefetchInterval(Duration.ZERO));
        authenticated(service, idp.token().sign());

        rejected(service, idp.token().kid("unknown-1").sign(), AuthFailure.KEY_NOT_FOUND);
        rejected(service, idp.token().kid("unknown-2").sign(), AuthFailure.KEY_NOT_FOUND);

        assertEquals(3, idp.jwksFetchCount());
    }

    @Test
    void outageKeepsLastGoodKeysAndMarksIssuerStale() {
        startService(IdentitySettings.defaults().withUnknownKidRefetchInterval(Duration.ZERO));
        authenticated(service, idp.token().sign());

        idp.outage(true);
        rejected(service, idp.token().kid("rotated-while-down").sign(), AuthFailure.KEY_NOT_FOUND);

        IssuerStatus status = service.issuers().get(0);
        assertTrue(status.stale());
        assertTrue(status.keysLoaded());
        assertEquals(2, status.keyCount());
        authenticated(service, idp.token().sign());
        assertTrue(events.fetches.contains("corp:http-503"), events.fetches::toString);

        idp.outage(false);
        rejected(service, idp.token().kid("still-unknown").sign(), AuthFailure.KEY_NOT_FOUND);
        assertFalse(service.issuers().get(0).stale(), "a successful fetch clears stale");
    }

    @Test
    void backgroundRefreshPicksUpNewKeysWithoutAnyRequest() throws InterruptedException {
        IssuerConfig fastRefresh = new IssuerConfig("corp", idp.issuerUrl(), URI.create(idp.jwksUri()), false,
                List.of("portcullis"), List.of("RS256"), Duration.ofSeconds(30), Duration.ofMillis(50), null);
        service = DefaultIdentityService.start(TestConfigs.config(fastRefresh), events, IdentitySettings.defaults());
        authenticated(service, idp.token().sign());
        idp.rotate();
        idp.retireOldKeys();

        int refreshesBefore = events.fetchSignals.drainPermits();

        assertTrue(events.fetchSignals.tryAcquire(2, 20, TimeUnit.SECONDS), "two more background refreshes");
        assertTrue(refreshesBefore >= 1);
        assertEquals(1, events.signatureChecks.get(), "no request was made since the first");
        authenticated(service, idp.token().sign());
    }

    @Test
    void keysNeverLoadedMeansKeysUnavailable() {
        idp.outage(true);
        startService(IdentitySettings.defaults().withUnknownKidRefetchInterval(Duration.ZERO));

        rejected(service, idp.token().sign(), AuthFailure.KEYS_UNAVAILABLE);

        IssuerStatus status = service.issuers().get(0);
        assertFalse(status.keysLoaded());
        assertFalse(service.ready());
        assertEquals(0, status.keyCount());
        assertEquals(0, events.signatureChecks.get());

        idp.outage(false);
        authenticated(service, idp.token().sign());
        assertTrue(service.ready());
    }

    @Test
    void keysNeverLoadedDoNotRefetchWithinTheInterval() {
        idp.outage(true);
        startService(IdentitySettings.defaults());

        rejected(service, idp.token().sign(), AuthFailure.KEYS_UNAVAILABLE);
        rejected(service, idp.token().sign(), AuthFailure.KEYS_UNAVAILABLE);
        rejected(service, idp.token().sign(), AuthFailure.KEYS_UNAVAILABLE);

        assertTrue(idp.jwksFetchCount() <= 2, "at most the initial and one on-demand fetch: " + idp.jwksFetchCount());
    }
}
