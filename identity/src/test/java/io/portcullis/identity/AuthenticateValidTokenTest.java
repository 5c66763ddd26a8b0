package io.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.fixtures.EmbeddedIssuer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticateValidTokenTest {

    private SingleIssuerBed bed;
    private EmbeddedIssuer idp;

    @BeforeEach
    void start() {
        bed = SingleIssuerBed.start(IdentityEvents.NONE);
        idp = bed.idp;
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private Identity authenticated(String token) {
        return Outcomes.authenticated(bed.service, token);
    }

    @Test
    void acceptsRs256TokenAndExposesPlainClaims() {
        String token = idp.token().subject("bob").claim("groups", List.of("eng", "ops"))
                .claim("amr", List.of("pwd", "otp")).claim("profile", Map.of("level", 3)).sign();

        Identity identity = authenticated(token);

        assertEquals("corp", identity.issuerId());
        assertEquals(idp.issuerUrl(), identity.issuer());
        assertEquals("bob", identity.subject());
        assertEquals(List.of("eng", "ops"), identity.claims().get("groups"));
        assertEquals(Map.of("level", 3L), identity.claims().get("profile"));
        assertTrue(identity.expiresAt().isAfter(java.time.Instant.now()));
    }

    @Test
    void acceptsEs256Token() {
        assertEquals("alice", authenticated(idp.token().algorithm(JWSAlgorithm.ES256).sign()).subject());
    }

    @Test
    void acceptsAccessTokenTypes() {
        authenticated(idp.token().type("at+jwt").sign());
        authenticated(idp.token().type("application/at+jwt").sign());
        authenticated(idp.token().type(null).sign());
    }

    @Test
    void tokenRefIsTheJtiWhenShortElseAHash() {
        assertEquals("abc-123", authenticated(idp.token().claim("jti", "abc-123").sign()).tokenRef());

        String hashed = authenticated(idp.token().claim("jti", "x".repeat(100)).sign()).tokenRef();
        assertTrue(hashed.matches("[0-9a-f]{12}"), hashed);
        String noJti = authenticated(idp.token().claim("jti", null).sign()).tokenRef();
        assertTrue(noJti.matches("[0-9a-f]{12}"), noJti);
    }

    @Test
    void reportsIssuerReadyOnceKeysAreLoaded() {
        authenticated(idp.token().sign());

        IssuerStatus status = bed.service.issuers().get(0);
        assertTrue(bed.service.ready());
        assertEquals("corp", status.issuerId());
        assertEquals(2, status.keyCount());
        assertEquals(false, status.stale());
    }
}
