package io.portcullis.identity.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.identity.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssertionSignerTest {

    private static ECKey newKey() throws Exception {
        return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
    }

    private final Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final Identity alice = new Identity("corp", "https://idp.example", "alice",
            Map.of("email", "alice@corp.example", "groups", List.of("admins"), "secret_claim", "x"),
            now.plusSeconds(300), "ref");

    @Test
    void signsAShortLivedAssertionForOneRouteVerifiableWithThePublishedKeys() throws Exception {
        ECKey current = newKey();
        ECKey next = newKey();
        AssertionSigner signer = new AssertionSigner(List.of(current, next), "portcullis", Duration.ofSeconds(60),
                Clock.fixed(now, ZoneOffset.UTC));

        SignedJWT jwt = SignedJWT.parse(signer.sign("reports", alice, "laptop-7", "dpop"));
        JWKSet published = JWKSet.parse(signer.publicJwks());

        assertEquals(JWSAlgorithm.ES256, jwt.getHeader().getAlgorithm());
        assertEquals(current.getKeyID(), jwt.getHeader().getKeyID());
        assertEquals(AssertionSigner.TYPE, jwt.getHeader().getType().getType());
        ECKey verifyWith = (ECKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new ECDSAVerifier(verifyWith)));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("portcullis", claims.getIssuer());
        assertEquals(List.of("reports"), claims.getAudience());
        assertEquals("alice", claims.getSubject());
        assertEquals("alice@corp.example", claims.getStringClaim("email"));
        assertEquals(List.of("admins"), claims.getStringListClaim("groups"));
        assertEquals("laptop-7", claims.getStringClaim("device_id"));
        assertEquals("dpop", claims.getStringClaim("token_binding"));
        assertEquals("https://idp.example", claims.getStringClaim("idp"));
        assertEquals(now, claims.getIssueTime().toInstant());
        assertEquals(now.plusSeconds(60), claims.getExpirationTime().toInstant());
        assertNull(claims.getClaim("secret_claim"), "only the documented claims are asserted");
        assertEquals(2, published.getKeys().size(), "the next key is published before it signs");
        assertFalse(signer.publicJwks().contains("\"d\""), "no private key material is published");
    }

    @Test
    void everyAssertionHasItsOwnJti() throws Exception {
        AssertionSigner signer = new AssertionSigner(List.of(newKey()), "portcullis", Duration.ofSeconds(60),
                Clock.systemUTC());

        assertNotEquals(SignedJWT.parse(signer.sign("r", alice, null, null)).getJWTClaimsSet().getJWTID(),
                SignedJWT.parse(signer.sign("r", alice, null, null)).getJWTClaimsSet().getJWTID());
        assertNull(SignedJWT.parse(signer.sign("r", alice, null, null)).getJWTClaimsSet().getClaim("device_id"));
        assertNull(SignedJWT.parse(signer.sign("r", alice, null, null)).getJWTClaimsSet().getClaim("token_binding"));
    }
}
