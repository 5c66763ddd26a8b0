package io.portcullis.identity.assertion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcPemKeysTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws Exception {
        return Path.of(EcPemKeysTest.class.getResource("/assertion/" + name).toURI());
    }

    private static void assertSignsAndVerifies(ECKey key) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("x"));
        jws.sign(new ECDSASigner(key));
        assertTrue(jws.verify(new ECDSAVerifier(key.toPublicJWK())), "private and public halves belong together");
    }

    @Test
    void readsOpenSslSec1Keys() throws Exception {
        ECKey key = EcPemKeys.read(resource("sec1-p256.pem"));

        assertEquals(Curve.P_256, key.getCurve());
        assertTrue(key.isPrivate());
        assertEquals(key.computeThumbprint().toString(), key.getKeyID());
        assertSignsAndVerifies(key);
    }

    @Test
    void readsOpenSslPkcs8KeysWithTheSamePublicKeyOpenSslDerives() throws Exception {
        ECKey key = EcPemKeys.read(resource("pkcs8-p256.pem"));

        String pub = Files.readString(resource("pkcs8-p256.pub.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        ECPublicKey expected = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pub)));
        assertEquals(expected.getW(), key.toECPublicKey().getW());
        assertSignsAndVerifies(key);
    }

    @Test
    void refusesOtherCurvesAndNonKeys() throws Exception {
        IllegalArgumentException p384 = assertThrows(IllegalArgumentException.class,
                () -> EcPemKeys.read(resource("pkcs8-p384.pem")));
        assertTrue(p384.getMessage().contains("P-256"), p384.getMessage());
        Path text = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
        assertThrows(IllegalArgumentException.class, () -> EcPemKeys.read(text));
        Path garbage = Files.writeString(dir.resolve("garbage.pem"),
                "-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n");
        assertThrows(IllegalArgumentException.class, () -> EcPemKeys.read(garbage));
        assertThrows(IllegalArgumentException.class, () -> EcPemKeys.read(dir.resolve("absent.pem")));
    }
}
