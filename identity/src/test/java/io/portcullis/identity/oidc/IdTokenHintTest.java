package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

class IdTokenHintTest {

    private final ECKey issuerKey = generate();

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("idp-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ID token as it arrives from a token endpoint: signed by the issuer, then parsed from its string. */
    private String issued(String padding) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("idp-1").build(),
                new JWTClaimsSet.Builder().issuer("https://idp.example").subject("alice").audience("portcullis")
                        .claim("padding", padding).build());
        jwt.sign(new ECDSASigner(issuerKey));
        return jwt.serialize();
    }

    @Test
    void aSmallIdTokenIsKeptExactlyAsTheIssuerSignedIt() throws Exception {
        String compact = issued("x");

        String kept = IdTokenHint.keep(SignedJWT.parse(compact));

        assertEquals(compact, kept);
        assertTrue(SignedJWT.parse(kept).verify(new ECDSAVerifier(issuerKey.toECPublicKey())));
    }

    @Test
    void anIdTokenOverTheCapIsNotKeptButOneAtTheCapIs() throws Exception {
        // Base64url makes 3 padding characters 4 token characters: start near the cap, then find the
        // longest token that still fits; one more character is over it.
        int padding = (IdTokenHint.MAX_CHARS - issued("").length()) * 3 / 4;
        while (issued("y".repeat(padding)).length() > IdTokenHint.MAX_CHARS) {
            padding--;
        }
        while (issued("y".repeat(padding + 1)).length() <= IdTokenHint.MAX_CHARS) {
            padding++;
        }
        String justUnder = issued("y".repeat(padding));
        String over = issued("y".repeat(padding + 1));

        assertTrue(over.length() > IdTokenHint.MAX_CHARS, "the test's token is really over the cap");
        assertEquals(justUnder, IdTokenHint.keep(SignedJWT.parse(justUnder)));
        assertNull(IdTokenHint.keep(SignedJWT.parse(over)));
    }

    @Test
    void noIdTokenKeepsNothing() {
        assertNull(IdTokenHint.keep(null));
    }
}
