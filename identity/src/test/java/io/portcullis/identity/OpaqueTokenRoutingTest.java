package io.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.portcullis.config.ClientSecret;
import io.portcullis.config.IntrospectionConfig;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.OidcClientConfig;
import io.portcullis.config.SenderConstraintConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opaque tokens go to introspection, JWTs to local verification; without introspection nothing changes. */
class OpaqueTokenRoutingTest {

    private final MockOAuth2Server server = new MockOAuth2Server();
    private DefaultIdentityService service;

    OpaqueTokenRoutingTest() {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        service.close();
        server.shutdown();
    }

    private IssuerConfig issuer(boolean introspection) {
        return new IssuerConfig("corp", server.issuerUrl("corp").toString(), null, true, List.of("portcullis"),
                List.of("RS256"), Duration.ofSeconds(30), Duration.ofHours(1), null,
                new OidcClientConfig("portcullis", new ClientSecret("s3cret", "env:TEST"), List.of("openid")),
                introspection ? new IntrospectionConfig(null, Duration.ofMinutes(5), Duration.ofSeconds(10)) : null,
                SenderConstraintConfig.defaults());
    }

    private AuthResult authenticate(String token) {
        return Await.result(service.authenticate(token));
    }

    @Test
    void opaqueTokensAreIntrospectedAndJwtsStillVerifiedLocally() {
        service = DefaultIdentityService.start(TestConfigs.config(issuer(true)), IdentityEvents.NONE);

        AuthResult opaque = authenticate("2YotnFZFEjr1zCsicMWpAA");
        AuthResult jwt = authenticate(server.issueToken("corp", "alice", "portcullis", Map.of()).serialize());

        assertEquals(AuthFailure.TOKEN_INACTIVE, assertInstanceOf(AuthResult.Rejected.class, opaque).reason());
        assertEquals("alice", assertInstanceOf(AuthResult.Authenticated.class, jwt).identity().subject());
    }

    @Test
    void withoutIntrospectionAnOpaqueTokenIsMalformed() {
        service = DefaultIdentityService.start(TestConfigs.config(issuer(false)), IdentityEvents.NONE);

        assertEquals(AuthFailure.TOKEN_MALFORMED,
                assertInstanceOf(AuthResult.Rejected.class, authenticate("2YotnFZFEjr1zCsicMWpAA")).reason());
    }
}
