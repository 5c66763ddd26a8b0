package io.portcullis.proxy.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.auth.ClientCertificate;
import io.portcullis.proxy.tls.TestPki;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

/** The facts read from a client certificate. */
class ClientCertificatesTest {

    static final TestPki PKI = TestPki.create("Facts CA");

    @Test
    void factsOfACertificateWithSans() throws Exception {
        TestPki.Issued c = PKI.issue("CN=laptop-42,O=Corp", List.of(
                new GeneralName(GeneralName.dNSName, "laptop-42.corp.test"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://corp.test/device/42"),
                new GeneralName(GeneralName.rfc822Name, "it@corp.test")));
        ClientCertificate f = ClientCertificates.describe(c.certificate());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.certificate().getEncoded())),
                f.fingerprint());
        assertEquals("O=Corp,CN=laptop-42", f.subject(), "RFC 2253 order");
        assertEquals(List.of("laptop-42.corp.test", "spiffe://corp.test/device/42", "it@corp.test"), f.sans());
        assertEquals("spiffe://corp.test/device/42", f.spiffeId());
    }

    @Test
    void aUriThatIsNotSpiffeIsNoSpiffeId() {
        TestPki.Issued c = PKI.issue("CN=x", List.of(new GeneralName(GeneralName.uniformResourceIdentifier,
                "https://corp.test/device/1"), new GeneralName(GeneralName.dNSName, "spiffe.corp.test")));
        ClientCertificate f = ClientCertificates.describe(c.certificate());
        assertNull(f.spiffeId());
        assertTrue(f.sans().contains("https://corp.test/device/1"));
    }

    @Test
    void noSansIsAnEmptyList() {
        ClientCertificate f = ClientCertificates.describe(PKI.issue("CN=bare", List.of()).certificate());
        assertEquals(List.of(), f.sans());
        assertNull(f.spiffeId());
    }
}
