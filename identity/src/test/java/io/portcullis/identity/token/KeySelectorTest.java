package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeySelectorTest {

    private static JWK rsa;
    private static JWK rsaForPs256;
    private static JWK p256;
    private static JWK p384;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa").generate().toPublicJWK();
        rsaForPs256 = new RSAKeyGenerator(2048).keyID("rsa-ps").algorithm(JWSAlgorithm.PS256).generate().toPublicJWK();
        p256 = new ECKeyGenerator(Curve.P_256).keyID("p256").generate().toPublicJWK();
        p384 = new ECKeyGenerator(Curve.P_384).keyID("p384").generate().toPublicJWK();
    }

    private static List<JWK> select(JWSHeader header) {
        return KeySelector.candidates(List.of(rsa, rsaForPs256, p256, p384), header);
    }

    @Test
    void kidPicksExactlyThatKey() {
        assertEquals(List.of(p256), select(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("p256").build()));
    }

    @Test
    void kidOfAKeyOfTheWrongTypeMatchesNothing() {
        assertEquals(List.of(), select(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("rsa").build()));
        assertEquals(List.of(), select(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("p384").build()));
    }

    @Test
    void keyBoundToAnotherAlgorithmIsNotUsed() {
        assertEquals(List.of(), select(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-ps").build()));
        assertEquals(List.of(rsa), select(new JWSHeader.Builder(JWSAlgorithm.RS256).build()));
    }

    @Test
    void withoutKidEveryFittingKeyIsACandidate() {
        assertEquals(List.of(p256), select(new JWSHeader.Builder(JWSAlgorithm.ES256).build()));
        assertEquals(List.of(rsa, rsaForPs256), select(new JWSHeader.Builder(JWSAlgorithm.PS256).build()));
    }
}
