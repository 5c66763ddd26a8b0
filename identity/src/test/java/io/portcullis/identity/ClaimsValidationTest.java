package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static io.portcullis.identity.Outcomes.rejected;

import io.portcullis.fixtures.EmbeddedIssuer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registered-claim checks, each at the edge of the configured 30 s clock skew. */
class ClaimsValidationTest {

    private SingleIssuerBed bed;
    private EmbeddedIssuer idp;
    private IdentityService service;

    @BeforeEach
    void start() {
        bed = SingleIssuerBed.start(IdentityEvents.NONE);
        idp = bed.idp;
        service = bed.service;
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void refusesExpiredTokenButToleratesSkew() {
        Instant now = Instant.now();
        rejected(service, idp.token().issuedAt(now.minusSeconds(600)).expiresIn(Duration.ofSeconds(500)).sign(),
                AuthFailure.EXPIRED);
        authenticated(service, idp.token().issuedAt(now.minusSeconds(600)).expiresIn(Duration.ofSeconds(590)).sign());
    }

    @Test
    void refusesNotBeforeInTheFuture() {
        rejected(service, idp.token().notBefore(Instant.now().plusSeconds(120)).sign(), AuthFailure.NOT_YET_VALID);
        authenticated(service, idp.token().notBefore(Instant.now().plusSeconds(10)).sign());
    }

    @Test
    void refusesIssuedInTheFuture() {
        rejected(service, idp.token().issuedAt(Instant.now().plusSeconds(120)).sign(), AuthFailure.NOT_YET_VALID);
    }

    @Test
    void refusesMissingExpiry() {
        rejected(service, idp.token().claim("exp", null).sign(), AuthFailure.CLAIMS_INVALID);
    }

    @Test
    void refusesWrongIssuerSpelling() {
        rejected(service, idp.token().issuer(idp.issuerUrl() + "/").sign(), AuthFailure.ISSUER_UNKNOWN);
        rejected(service, idp.token().claim("iss", null).sign(), AuthFailure.ISSUER_UNKNOWN);
    }

    @Test
    void requiresOneConfiguredAudience() {
        rejected(service, idp.token().audience("someone-else").sign(), AuthFailure.AUDIENCE_INVALID);
        rejected(service, idp.token().claim("aud", null).sign(), AuthFailure.AUDIENCE_INVALID);
        authenticated(service, idp.token().audience("someone-else", "portcullis").sign());
        authenticated(service, idp.token().claim("aud", "portcullis").sign());
    }

    @Test
    void refusesMissingSubject() {
        rejected(service, idp.token().claim("sub", null).sign(), AuthFailure.CLAIMS_INVALID);
        rejected(service, idp.token().subject(" ").sign(), AuthFailure.CLAIMS_INVALID);
    }
}
