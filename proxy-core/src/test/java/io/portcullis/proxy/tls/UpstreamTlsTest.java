package io.portcullis.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-route upstream TLS: a private CA, server_name for SNI and verification, a client certificate
 * for mTLS to the backend, and insecure_skip_verify; anything unverified is a 502 and never reaches
 * the backend.
 */
class UpstreamTlsTest {

    static final TestPki BACKEND_CA = TestPki.create("Backend CA");
    @TempDir
    static Path dir;
    static TlsUpstream plain;
    static TlsUpstream mutual;

    @BeforeAll
    static void start() throws Exception {
        BACKEND_CA.issue("CN=api.internal", List.of(new GeneralName(GeneralName.dNSName, "api.internal")))
                .write(dir, "backend");
        BACKEND_CA.issue("CN=portcullis", List.of()).write(dir, "proxy-client");
        Path ca = BACKEND_CA.writeCa(dir, "backend-ca");
        plain = new TlsUpstream(dir.resolve("backend.crt"), dir.resolve("backend.key"), null);
        mutual = new TlsUpstream(dir.resolve("backend.crt"), dir.resolve("backend.key"), ca);
    }

    @AfterAll
    static void stop() {
        plain.close();
        mutual.close();
    }

    /** The example config with the public route sent to {@code upstream} with {@code tls} route keys. */
    static String config(String upstream, String tls) {
        return ProxyFixture.EXAMPLE.replace("upstream: ${UPSTREAM}\n    policy: public",
                "upstream: " + upstream + "\n    policy: public\n" + (tls.isEmpty() ? "" : "    tls: " + tls + "\n"));
    }

    static int status(String config) throws Exception {
        try (ProxyFixture fx = new ProxyFixture(config); RawHttp c = fx.client()) {
            return c.get("/public/tls").status();
        }
    }

    @Test
    void aPrivateCaAndServerNameVerifyTheBackend() throws Exception {
        plain.seen.clear();
        String tls = "{ ca_file: " + dir.resolve("backend-ca.crt") + ", server_name: api.internal }";
        assertEquals(200, status(config(plain.url(), tls)));
        assertEquals(1, plain.seen.size());
        assertEquals("/public/tls", plain.seen.get(0).uri());
        assertEquals("api.internal", plain.seen.get(0).sni(), "SNI carries server_name");
    }

    @Test
    void systemTrustRefusesAPrivateCa() throws Exception {
        plain.seen.clear();
        assertEquals(502, status(config(plain.url(), "")));
        assertTrue(plain.seen.isEmpty(), "an unverified backend never receives the request");
    }

    @Test
    void theWrongServerNameIsRefused() throws Exception {
        plain.seen.clear();
        String tls = "{ ca_file: " + dir.resolve("backend-ca.crt") + ", server_name: other.internal }";
        assertEquals(502, status(config(plain.url(), tls)));
        assertTrue(plain.seen.isEmpty());
    }

    @Test
    void theIpWithoutServerNameIsRefused() throws Exception {
        plain.seen.clear();
        assertEquals(502, status(config(plain.url(), "{ ca_file: " + dir.resolve("backend-ca.crt") + " }")),
                "the certificate names api.internal, not 127.0.0.1");
        assertTrue(plain.seen.isEmpty());
    }

    @Test
    void aClientCertificateAuthenticatesTheProxyToTheBackend() throws Exception {
        mutual.seen.clear();
        String base = "ca_file: " + dir.resolve("backend-ca.crt") + ", server_name: api.internal";
        assertEquals(502, status(config(mutual.url(), "{ " + base + " }")), "the backend requires a certificate");
        assertTrue(mutual.seen.isEmpty());
        String withCert = "{ " + base + ", cert_file: " + dir.resolve("proxy-client.crt") + ", key_file: "
                + dir.resolve("proxy-client.key") + " }";
        assertEquals(200, status(config(mutual.url(), withCert)));
        assertEquals("CN=portcullis", mutual.seen.get(0).clientSubject());
    }

    @Test
    void insecureSkipVerifyTrustsAnyCertificate() throws Exception {
        plain.seen.clear();
        assertEquals(200, status(config(plain.url(), "{ insecure_skip_verify: true }")));
        assertEquals(1, plain.seen.size());
        assertNull(plain.seen.get(0).clientSubject());
    }
}
