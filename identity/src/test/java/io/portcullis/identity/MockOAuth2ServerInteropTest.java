package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static io.portcullis.identity.Outcomes.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.config.IssuerConfig;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens from an independent OAuth2 server implementation validate too (not only our own fixture's). */
class MockOAuth2ServerInteropTest {

    private final MockOAuth2Server server = new MockOAuth2Server();
    private DefaultIdentityService service;

    @BeforeEach
    void start() {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        server.shutdown();
    }

    private IssuerConfig issuer(URI jwksUri, boolean discovery) {
        return new IssuerConfig("nav", server.issuerUrl("default").toString(), jwksUri, discovery,
                List.of("portcullis"), List.of("RS256"), Duration.ofSeconds(30), Duration.ofHours(1), null);
    }

    @Test
    void validatesItsTokenWithExplicitJwksUri() {
        service = DefaultIdentityService.start(
                TestConfigs.config(issuer(server.jwksUrl("default").uri(), false)), IdentityEvents.NONE);
        String token = server.issueToken("default", "alice", "portcullis", Map.of("groups", List.of("eng")))
                .serialize();

        Identity identity = authenticated(service, token);

        assertEquals("alice", identity.subject());
        assertEquals(server.issuerUrl("default").toString(), identity.issuer());
        assertEquals(List.of("eng"), identity.claims().get("groups"));
    }

    @Test
    void validatesItsTokenThroughDiscovery() {
        service = DefaultIdentityService.start(TestConfigs.config(issuer(null, true)), IdentityEvents.NONE);

        authenticated(service, server.issueToken("default", "bob", "portcullis", Map.of()).serialize());
        rejected(service, server.issueToken("default", "bob", "another-app", Map.of()).serialize(),
                AuthFailure.AUDIENCE_INVALID);
    }
}
