package io.portcullis.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.SharedProxy;
import io.portcullis.proxy.UpstreamAssertion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate-bound token (RFC 8705) over the real mTLS listener: it works only with the client
 * certificate its {@code cnf.x5t#S256} names; with another verified certificate of the same CA, or
 * without one, it is refused with 401 and never reaches the upstream.
 */
class CertificateBoundTokenTest {

    static ProxyFixture fx;

    @TempDir
    static Path dir;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> prepare(dir), f -> fx = f);

    /** The mTLS listener's config, the device route also signing an identity assertion for its upstream. */
    private static String prepare(Path dir) {
        String config = MutualTlsTest.prepare(dir).replace("""
                    policy: device-1-only
                """, """
                    policy: device-1-only
                    assertion_header: X-Portcullis-Assertion
                """);
        if (!config.contains("assertion_header")) {
            throw new IllegalStateException("the device route was not found in the mTLS config");
        }
        return config + UpstreamAssertion.configBlock(dir);
    }

    private static String thumbprint(TestPki.Issued cert) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.certificate().getEncoded());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static HttpResponse<String> get(TestPki.Issued clientCert, String token) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(MutualTlsTest.PKI.clientContext(clientCert))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://localhost:" + fx.port() + "/device/x"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String boundTo(TestPki.Issued cert) throws Exception {
        return fx.corp.token().subject("alice").audience("portcullis").expiresIn(Duration.ofMinutes(5))
                .claim("cnf", Map.of("x5t#S256", thumbprint(cert))).sign();
    }

    @Test
    void theCertificateTheTokenIsBoundToIsAccepted() throws Exception {
        TestPki.Issued laptop = MutualTlsTest.device(MutualTlsTest.PKI, MutualTlsTest.DEVICE_1);
        assertEquals(200, get(laptop, boundTo(laptop)).statusCode());
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertNotNull(seen);
        assertEquals("mtls", UpstreamAssertion.verified(seen).getClaim("token_binding"),
                "the assertion states the certificate binding");
    }

    @Test
    void anotherVerifiedCertificateIsRefused() throws Exception {
        TestPki.Issued laptop = MutualTlsTest.device(MutualTlsTest.PKI, MutualTlsTest.DEVICE_1);
        // the same CA, the same SPIFFE id the route's policy asks for: only the key differs
        TestPki.Issued twin = MutualTlsTest.device(MutualTlsTest.PKI, MutualTlsTest.DEVICE_1);
        HttpResponse<String> r = get(twin, boundTo(laptop));
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer error=\"invalid_token\""),
                r.headers().map().toString());
        assertTrue(r.body().contains("cert-thumbprint-mismatch"), r.body());
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
    }

    @Test
    void noCertificateIsRefused() throws Exception {
        TestPki.Issued laptop = MutualTlsTest.device(MutualTlsTest.PKI, MutualTlsTest.DEVICE_1);
        HttpResponse<String> r = get(null, boundTo(laptop));
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("client-cert-missing"), r.body());
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
    }
}
