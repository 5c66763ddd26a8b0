package io.portcullis.proxy.decisionapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.tls.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision API over TLS with AuthZEN caller authentication ({@code decision_api.tls},
 * {@code authzen_callers}): a bearer token of a listed issuer, verified for real against its JWKS, or a
 * client certificate the handshake verified, lets a caller evaluate; nothing else does (not even an
 * address in {@code trusted_proxies}): 401, logged, and nothing evaluated.
 */
class AuthZenCallersTest {

    static final TestPki PKI = TestPki.create("Decision API Test CA");
    static ProxyFixture fx;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        PKI.server().write(dir, "server");
        Path ca = PKI.writeCa(dir, "callers-ca");
        fx = new ProxyFixture("""
                listen: 127.0.0.1:0
                admin: 127.0.0.1:0
                trusted_proxies: [127.0.0.1/32]
                decision_api:
                  listen: 127.0.0.1:0
                  tls: { cert_file: %s, key_file: %s, client_ca_file: %s, client_auth: optional }
                  authzen_callers: { issuers: [corp], client_certificate: true }
                issuers:
                  - id: corp
                    issuer: ${CORP_ISS}
                    jwks_uri: ${CORP_JWKS}
                    audiences: [portcullis]
                  - id: mdm
                    issuer: ${MDM_ISS}
                    jwks_uri: ${MDM_JWKS}
                    audiences: [portcullis]
                routes:
                  - id: admin
                    match: { path_prefix: /admin }
                    upstream: ${UPSTREAM}
                    policy: admins
                policies:
                  admins:
                    allow: { groups: { has: admins } }
                """.formatted(dir.resolve("server.crt"), dir.resolve("server.key"), ca));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static final String EVALUATION = "{\"subject\":{\"type\":\"user\",\"id\":\"alice\",\"properties\":"
            + "{\"groups\":[\"admins\"]}},\"action\":{\"name\":\"GET\"},"
            + "\"resource\":{\"type\":\"route\",\"id\":\"/admin/reports\"}}";

    static HttpResponse<String> call(TestPki.Issued certificate, String method, String path, String bearer,
                                     String requestId) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(PKI.clientContext(certificate))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("https://localhost:"
                        + fx.portcullis.decisionApiPort() + path))
                .timeout(Duration.ofSeconds(10)).header("X-Request-ID", requestId)
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(EVALUATION));
        if (bearer != null) {
            req.header("Authorization", "Bearer " + bearer);
        }
        return client.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String corpToken() {
        return fx.corp.token().subject("pep-service").audience("portcullis").expiresIn(Duration.ofMinutes(5)).sign();
    }

    @Test
    void aTokenOfAListedIssuerAuthenticatesTheCaller() throws Exception {
        HttpResponse<String> r = call(null, "POST", "/access/v1/evaluation", corpToken(), "caller-token-1");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"decision\":true"), r.body());
        assertTrue(fx.awaitDecision("caller-token-1").contains("\"decision\":\"allow\""));
    }

    @Test
    void aVerifiedClientCertificateAuthenticatesTheCaller() throws Exception {
        TestPki.Issued pep = PKI.issue("CN=pep.corp.test", List.of(new GeneralName(GeneralName.dNSName, "pep.corp.test")));
        HttpResponse<String> r = call(pep, "POST", "/access/v1/evaluation", null, "caller-cert-1");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"decision\":true"), r.body());
    }

    @Test
    void noCredentialIsA401ThatIsLoggedAndDecidesNothing() throws Exception {
        // 127.0.0.1 is in trusted_proxies, which does not count for AuthZEN callers once they must authenticate
        HttpResponse<String> r = call(null, "POST", "/access/v1/evaluation", null, "caller-none-1");
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("Bearer realm=\"portcullis-authzen\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
        assertFalse(r.body().contains("decision"), r.body());
        String line = fx.awaitDecision("caller-none-1");
        assertTrue(line.contains("\"reasons\":[\"caller-unauthenticated\"]") && line.contains("\"status\":401")
                && line.contains("\"decision\":\"reject\""), line);
    }

    @Test
    void aBadOrForeignTokenIsA401WithItsReason() throws Exception {
        String expired = fx.corp.token().subject("pep-service").audience("portcullis")
                .expiresIn(Duration.ofMinutes(-10)).sign();
        HttpResponse<String> old = call(null, "POST", "/access/v1/evaluation", expired, "caller-expired-1");
        assertEquals(401, old.statusCode());
        assertTrue(fx.awaitDecision("caller-expired-1").contains("\"reasons\":[\"token-expired\"]"));
        assertFalse(fx.decisionLines().stream().anyMatch(l -> l.contains(expired)), "the token is never logged");

        String mdm = fx.mdm.token().subject("device-agent").audience("portcullis").expiresIn(Duration.ofMinutes(5))
                .sign();
        HttpResponse<String> foreign = call(null, "POST", "/access/v1/evaluation", mdm, "caller-mdm-1");
        assertEquals(401, foreign.statusCode());
        assertTrue(fx.awaitDecision("caller-mdm-1").contains("\"reasons\":[\"caller-issuer-not-allowed\"]"));
    }

    @Test
    void theMetadataNamesHttpsAndCleartextIsRefused() throws Exception {
        HttpResponse<String> r = call(null, "GET", "/.well-known/authzen-configuration", null, "meta-1");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"access_evaluation_endpoint\":\"https://localhost:"), r.body());
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + fx.portcullis.decisionApiPort() + "/access/v1/evaluation"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(EVALUATION)).build(),
                HttpResponse.BodyHandlers.ofString()), "the listener speaks only TLS");
    }

    @Test
    void aForwardAuthCallerWithAVerifiedCertificateIsTrustedFromAnyAddress() throws Exception {
        TestPki.Issued nginx = PKI.issue("CN=nginx.corp.test", List.of(new GeneralName(GeneralName.dNSName, "nginx")));
        String admin = fx.corp.token().subject("alice").audience("portcullis").expiresIn(Duration.ofMinutes(5))
                .claim("groups", List.of("admins")).sign();
        // 127.0.0.2 is not in trusted_proxies: only the certificate can make its forwarded URI believed
        ApiCall.Response withCertificate = ApiCall.sendJson(PKI.clientContext(nginx), "127.0.0.2",
                fx.portcullis.decisionApiPort(), "GET", "/nginx", null, "X-Original-URI: /admin/x",
                "X-Original-Method: GET", "Authorization: Bearer " + admin);
        assertEquals(200, withCertificate.status());
        ApiCall.Response without = ApiCall.sendJson(PKI.clientContext(null), "127.0.0.2",
                fx.portcullis.decisionApiPort(), "GET", "/nginx", null, "X-Original-URI: /admin/x",
                "X-Original-Method: GET", "Authorization: Bearer " + admin);
        assertEquals(403, without.status());
        assertTrue(fx.awaitDecision(without.header("X-Request-Id")).contains("caller-untrusted"));
    }
}
