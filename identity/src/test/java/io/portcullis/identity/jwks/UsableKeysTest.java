package io.portcullis.identity.jwks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsableKeysTest {

    @Test
    void keepsOnlyPublicSigningKeysOfSupportedTypes() throws Exception {
        JWK leakedPrivate = new RSAKeyGenerator(2048).keyID("sig").keyUse(KeyUse.SIGNATURE).generate();
        JWK noUse = new ECKeyGenerator(Curve.P_256).keyID("nouse").generate().toPublicJWK();
        JWK encryption = new RSAKeyGenerator(2048).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate().toPublicJWK();
        JWK symmetric = new OctetSequenceKeyGenerator(256).keyID("oct").generate();
        JWK weak = weakRsaKey();

        List<JWK> usable = UsableKeys.from(new JWKSet(List.of(leakedPrivate, noUse, encryption, symmetric, weak)));

        assertEquals(List.of("sig", "nouse"), usable.stream().map(JWK::getKeyID).toList());
        assertFalse(usable.get(0).isPrivate(), "a leaked private key is reduced to its public part");
    }

    /** RSAKeyGenerator refuses to make keys under 2048 bits, so generate one with the JDK. */
    private static JWK weakRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        return new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic()).keyID("weak").build();
    }
}
