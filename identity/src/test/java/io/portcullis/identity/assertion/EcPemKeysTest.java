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
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
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

    /**
     * Differential check against BouncyCastle's PEM parser, the reference for this job: for keys in
     * both forms, written by BouncyCastle's PEM writer, our reading and BouncyCastle's agree on the
     * private scalar and the public point.
     */
    @Test
    void agreesWithBouncyCastlesParserOnGeneratedKeysInBothForms() throws Exception {
        BouncyCastleProvider bc = new BouncyCastleProvider();
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", bc);
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (int i = 0; i < 40; i++) {
            KeyPair pair = gen.generateKeyPair();
            String sec1 = pem(pair);
            String pkcs8 = pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate());
            assertTrue(sec1.contains("BEGIN EC PRIVATE KEY") && pkcs8.contains("BEGIN PRIVATE KEY"));
            for (String text : new String[] {sec1, pkcs8}) {
                ECKey ours = EcPemKeys.parse(text);
                Object parsed;
                try (PEMParser parser = new PEMParser(new StringReader(text))) {
                    parsed = parser.readObject();
                }
                PrivateKey reference = parsed instanceof PEMKeyPair kp ? converter.getKeyPair(kp).getPrivate()
                        : converter.getPrivateKey((PrivateKeyInfo) parsed);
                assertEquals(((ECPrivateKey) reference).getS(), ours.toECPrivateKey().getS());
                assertEquals(((java.security.interfaces.ECPublicKey) pair.getPublic()).getW(), ours.toECPublicKey().getW());
            }
        }
    }

    /**
     * A PKCS#8 key without its public point (what the JDK's own encoder writes) is refused with a
     * message that says how to fix it, instead of computing the point: that would need EC arithmetic,
     * i.e. a crypto library in the shipped jar for a key OpenSSL always writes complete.
     */
    @Test
    void aKeyWithoutItsPublicPointIsRefusedWithTheFix() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] jdkPkcs8 = gen.generateKeyPair().getPrivate().getEncoded();
        String text = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(jdkPkcs8)
                + "\n-----END PRIVATE KEY-----\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EcPemKeys.parse(text));
        assertTrue(e.getMessage().contains("no public point"), e.getMessage());
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
