package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static io.portcullis.identity.Outcomes.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.EmbeddedIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finding the JWKS through OIDC discovery, and refusing a document that names another issuer. */
class DiscoveryTest {

    private EmbeddedIssuer idp;
    private RecordingEvents events;
    private DefaultIdentityService service;

    @BeforeEach
    void start() {
        idp = EmbeddedIssuer.start("/idp");
        events = new RecordingEvents();
    }

    @AfterEach
    void stop() {
        service.close();
        idp.close();
    }

    @Test
    void findsKeysThroughDiscovery() {
        service = DefaultIdentityService.start(
                TestConfigs.config(TestConfigs.discoveredIssuer("corp", idp.issuerUrl())), events);

        authenticated(service, idp.token().sign());

        assertEquals(1, idp.jwksFetchCount());
        assertEquals("corp:success", events.fetches.get(0));
    }

    @Test
    void refusesDiscoveryDocumentOfAnotherIssuer() {
        String lookalike = idp.issuerUrl() + "/";
        service = DefaultIdentityService.start(
                TestConfigs.config(TestConfigs.discoveredIssuer("corp", lookalike)), events);

        rejected(service, idp.token().issuer(lookalike).sign(), AuthFailure.KEYS_UNAVAILABLE);

        assertEquals(0, idp.jwksFetchCount(), "keys named by a mismatched document are never fetched");
        assertTrue(events.fetches.contains("corp:discovery-issuer-mismatch"), events.fetches::toString);
    }
}
