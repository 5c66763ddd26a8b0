package io.portcullis.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portcullis.identity.DevicePosture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Certificate facts join posture and always win over a token's claim to them. */
class CertificatePostureTest {

    static final ClientCertificate CERT = new ClientCertificate("ab12", "CN=dev-1", List.of("dev1.corp.test",
            "spiffe://corp.test/device/1"), "spiffe://corp.test/device/1", null);

    @Test
    void aCertificateAloneIsTheDevice() {
        DevicePosture p = CertificatePosture.merge(null, CERT);
        assertEquals("spiffe://corp.test/device/1", p.deviceId());
        assertEquals(CertificatePosture.SOURCE, p.source());
        assertEquals("ab12", p.attributes().get("cert_fingerprint"));
        assertEquals("CN=dev-1", p.attributes().get("cert_subject"));
        assertEquals(CERT.sans(), p.attributes().get("cert_san"));
    }

    @Test
    void withoutSpiffeIdTheFingerprintNamesTheDevice() {
        ClientCertificate plain = new ClientCertificate("cd34", "CN=x", List.of(), null, null);
        assertEquals("sha256:cd34", CertificatePosture.merge(null, plain).deviceId());
        assertFalse(CertificatePosture.merge(null, plain).attributes().containsKey("spiffe_id"));
    }

    @Test
    void tokenAttributesStayButCannotClaimTheCertificate() {
        DevicePosture token = new DevicePosture("dev-1", "token:mdm",
                Map.of("compliant", true, "spiffe_id", "spiffe://evil", "cert_fingerprint", "forged"), Instant.EPOCH);
        DevicePosture merged = CertificatePosture.merge(token, CERT);
        assertEquals("dev-1", merged.deviceId());
        assertEquals("token:mdm", merged.source());
        assertEquals(true, merged.attributes().get("compliant"));
        assertEquals("spiffe://corp.test/device/1", merged.attributes().get("spiffe_id"));
        assertEquals("ab12", merged.attributes().get("cert_fingerprint"));
    }

    @Test
    void withoutACertificateReservedAttributesAreRemoved() {
        DevicePosture token = new DevicePosture("dev-1", "identity-claim",
                Map.of("compliant", true, "spiffe_id", "spiffe://evil", "cert_subject", "CN=admin"), null);
        DevicePosture merged = CertificatePosture.merge(token, null);
        assertEquals(Map.of("compliant", true), merged.attributes());
        assertNull(CertificatePosture.merge(null, null));
    }
}
