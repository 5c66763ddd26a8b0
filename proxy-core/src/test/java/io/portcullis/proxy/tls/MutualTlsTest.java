package io.portcullis.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.SharedProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * mTLS through the real proxy: a verified client certificate becomes device facts a policy can
 * require; a missing, other or untrusted certificate, or a token claiming the certificate's facts,
 * never reaches the upstream.
 */
class MutualTlsTest {

    static final TestPki PKI = TestPki.create("Portcullis Test CA");
    static final TestPki STRANGER = TestPki.create("Somebody Else's CA");
    static final String DEVICE_1 = "spiffe://corp.test/device/1";
    static ProxyFixture fx;

    @TempDir
    static Path dir;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> prepare(dir), f -> fx = f);

    /** Writes the server certificate and client CA into {@code dir}; returns the config. */
    static String prepare(Path dir) {
        PKI.server().write(dir, "server");
        Path ca = PKI.writeCa(dir, "clients-ca");
        String config = TlsListenerTest.tlsConfig(dir, ", client_ca_file: " + ca + ", client_auth: optional")
                + ProxyFixture.EXAMPLE.replace("""
                          - id: public
                        """, """
                          - id: device
                            match: { path_prefix: /device }
                            upstream: ${UPSTREAM}
                            policy: device-1-only
                          - id: public
                        """).replace("""
                        policies:
                        """, """
                        policies:
                          device-1-only:
                            allow:
                              and:
                                - authenticated: true
                                - device: { spiffe_id: "spiffe://corp.test/device/1" }
                        """);
        return config;
    }



    static TestPki.Issued device(TestPki ca, String spiffeId) {
        return ca.issue("CN=laptop", List.of(new GeneralName(GeneralName.uniformResourceIdentifier, spiffeId),
                new GeneralName(GeneralName.dNSName, "laptop.corp.test")));
    }

    static String token(Map<String, Object> deviceClaim) {
        var b = fx.corp.token().subject("alice").audience("portcullis").expiresIn(Duration.ofMinutes(5))
                .claim("auth_time", Instant.now().getEpochSecond());
        if (deviceClaim != null) {
            b.claim("device", deviceClaim);
        }
        return b.sign();
    }

    static HttpResponse<String> get(TestPki.Issued clientCert, String path, String token) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(PKI.clientContext(clientCert))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://localhost:" + fx.port() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRightCertificateIsAllowed() throws Exception {
        assertEquals(200, get(device(PKI, DEVICE_1), "/device/x", token(null)).statusCode());
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertEquals("/device/x", seen.uri());
        String line = fx.awaitDecision("\"device_id\":\"" + DEVICE_1 + "\"");
        assertTrue(line.contains("\"decision\":\"allow\""), line);
    }

    @Test
    void anotherCertificateIsForbidden() throws Exception {
        assertEquals(403, get(device(PKI, "spiffe://corp.test/device/2"), "/device/x", token(null)).statusCode());
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
    }

    @Test
    void noCertificateIsForbidden() throws Exception {
        assertEquals(403, get(null, "/device/x", token(null)).statusCode());
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
    }

    @Test
    void aTokenCannotClaimTheCertificate() throws Exception {
        String forged = token(Map.of("spiffe_id", DEVICE_1, "compliant", true));
        assertEquals(403, get(null, "/device/x", forged).statusCode());
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
    }

    @Test
    void aCertificateFromAnotherCaIsNotAccepted() throws Exception {
        // The JDK client offers only certificates the server's CA list names, so it goes without one;
        // a client that sent it anyway would fail the handshake. Either way: no device, no access.
        int status;
        try {
            status = get(device(STRANGER, DEVICE_1), "/device/x", token(null)).statusCode();
        } catch (IOException handshakeFailed) {
            status = 0;
        }
        assertTrue(status == 403 || status == 0, "got " + status);
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
    }

    @Test
    void requiredClientAuthFailsTheHandshakeWithoutACertificate(@TempDir Path dir) throws Exception {
        PKI.server().write(dir, "server");
        String config = TlsListenerTest.tlsConfig(dir, ", client_ca_file: " + PKI.writeCa(dir, "ca")
                + ", client_auth: required") + ProxyFixture.EXAMPLE;
        try (ProxyFixture strict = new ProxyFixture(config)) {
            URI uri = URI.create("https://localhost:" + strict.port() + "/public/x");
            HttpClient anonymous = HttpClient.newBuilder().sslContext(PKI.clientContext(null)).build();
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> anonymous.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
            assertNull(strict.upstream.takeRequest(Duration.ofMillis(200)), "no certificate, no request");
            HttpClient device = HttpClient.newBuilder().sslContext(PKI.clientContext(device(PKI, DEVICE_1))).build();
            assertEquals(200, device.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }
    }

    @Test
    void aCertificateIsNoIdentity() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(PKI.clientContext(device(PKI, DEVICE_1))).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + fx.port() + "/device/x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode(), "mTLS proves the device, never the user");
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
    }
}
