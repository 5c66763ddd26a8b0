package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static io.portcullis.identity.Outcomes.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.portcullis.fixtures.EmbeddedIssuer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every attack form of the fixture is refused for the right reason, and none pulls in outside keys. */
class HostileTokenTest {

    private EmbeddedIssuer idp;
    private EmbeddedIssuer attacker;
    private RecordingEvents events;
    private DefaultIdentityService service;

    @BeforeEach
    void start() {
        idp = EmbeddedIssuer.start("/idp");
        attacker = EmbeddedIssuer.start("/evil");
        events = new RecordingEvents();
        service = DefaultIdentityService.start(TestConfigs.config(TestConfigs.issuer("corp", idp)), events);
        authenticated(service, idp.token().sign());
    }

    @AfterEach
    void stop() {
        service.close();
        idp.close();
        attacker.close();
    }

    @Test
    void refusesAlgNone() {
        rejected(service, idp.token().unsigned(), AuthFailure.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesHmacKeyedWithThePublicKey() {
        rejected(service, idp.token().hmacWithPublicKey(), AuthFailure.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesForeignKeyClaimingTheRealKid() {
        rejected(service, idp.token().signedWithForeignKey(), AuthFailure.SIGNATURE_INVALID);
        rejected(service, idp.token().algorithm(JWSAlgorithm.ES256).signedWithForeignKey(),
                AuthFailure.SIGNATURE_INVALID);
    }

    @Test
    void ignoresEmbeddedJwk() {
        rejected(service, idp.token().embeddedJwk(), AuthFailure.SIGNATURE_INVALID);
    }

    @Test
    void neverFetchesKeysFromJku() {
        int attackerFetches = attacker.jwksFetchCount();

        rejected(service, idp.token().jku(attacker.jwksUri()), AuthFailure.SIGNATURE_INVALID);

        assertEquals(attackerFetches, attacker.jwksFetchCount(), "the jku URL must never be contacted");
    }

    @Test
    void refusesUnknownCriticalHeader() {
        rejected(service, idp.token().critical("exp"), AuthFailure.CRIT_UNSUPPORTED);
    }

    @Test
    void refusesTokenOfAnotherIssuerSignedByItself() {
        rejected(service, attacker.token().sign(), AuthFailure.ISSUER_UNKNOWN);
    }

    @Test
    void refusesAttackerTokenClaimingOurIssuer() {
        rejected(service, attacker.token().issuer(idp.issuerUrl()).kid(idp.rsaKid()).sign(),
                AuthFailure.SIGNATURE_INVALID);
    }

    @Test
    void refusesOversizedTokenBeforeParsing() {
        String huge = idp.token().claim("padding", "x".repeat(17 * 1024)).sign();
        int lookupsBefore = events.cacheHits.get() + events.cacheMisses.get();
        int checksBefore = events.signatureChecks.get();

        rejected(service, huge, AuthFailure.TOO_LARGE);

        assertEquals(lookupsBefore, events.cacheHits.get() + events.cacheMisses.get(), "not even hashed");
        assertEquals(checksBefore, events.signatureChecks.get(), "no signature check");
    }

    @Test
    void refusesADuplicatedClaimEvenWhenTheSignatureIsGood() {
        // Parsers disagree on duplicates (first wins, last wins): a second sub must not be read at all.
        String duplicated = idp.token().subject("alice")
                .signedWithEditedPayload(json -> json.replaceFirst("\\{", "{\"sub\":\"admin\","));
        rejected(service, duplicated, AuthFailure.TOKEN_MALFORMED);
        String untouched = idp.token().subject("alice").signedWithEditedPayload(json -> json);
        assertEquals("alice", authenticated(service, untouched).subject());
    }

    @Test
    void refusesGarbageAndEmptyTokens() {
        rejected(service, "not-a-jwt", AuthFailure.TOKEN_MALFORMED);
        rejected(service, "a.b.c", AuthFailure.TOKEN_MALFORMED);
        rejected(service, "", AuthFailure.TOKEN_MALFORMED);
        rejected(service, null, AuthFailure.TOKEN_MALFORMED);
    }

    @Test
    void refusesEncryptedJwt() throws Exception {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A128GCM),
                new JWTClaimsSet.Builder().issuer(idp.issuerUrl()).subject("alice").build());
        jwe.encrypt(new DirectEncrypter(new byte[16]));

        rejected(service, jwe.serialize(), AuthFailure.TOKEN_MALFORMED);
    }

    @Test
    void refusesTypesOtherThanJwtOrAccessToken() {
        rejected(service, idp.token().type("dpop+jwt").sign(), AuthFailure.TOKEN_TYPE_NOT_ALLOWED);
        rejected(service, idp.token().type("logout+jwt").sign(), AuthFailure.TOKEN_TYPE_NOT_ALLOWED);
    }

    @Test
    void refusesAlgorithmOutsideTheIssuerAllowlist() {
        service.close();
        var rsOnly = new io.portcullis.config.IssuerConfig("corp", idp.issuerUrl(),
                java.net.URI.create(idp.jwksUri()), false, List.of("portcullis"), List.of("RS256"),
                java.time.Duration.ofSeconds(30), java.time.Duration.ofHours(1), null);
        service = DefaultIdentityService.start(TestConfigs.config(rsOnly), events);

        rejected(service, idp.token().algorithm(JWSAlgorithm.ES256).sign(), AuthFailure.ALGORITHM_NOT_ALLOWED);
        rejected(service, idp.token().algorithm(JWSAlgorithm.PS256).sign(), AuthFailure.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void rejectionDescriptionsCarryNoTokenContent() {
        String token = idp.token().signedWithForeignKey();

        AuthResult.Rejected rejected = rejected(service, token, AuthFailure.SIGNATURE_INVALID);

        assertFalse(rejected.description().contains(token.substring(0, 20)));
        assertFalse(rejected.description().contains("Exception"));
    }
}
