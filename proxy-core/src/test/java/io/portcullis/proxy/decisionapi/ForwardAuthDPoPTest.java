package io.portcullis.proxy.decisionapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.DPoPClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DPoP through forward-auth, over a real decision API listener: the caller forwards the client's
 * {@code Authorization: DPoP} and {@code DPoP} headers with the original method and URI, and the proof
 * is checked against exactly those (origin from the forwarded proto and host, no query), its {@code jti}
 * spent in the process's replay store; a refusal is a 401 carrying the RFC 9449 challenge for the caller
 * to pass on. nginx and Traefik header conventions; Envoy's original path and method.
 */
class ForwardAuthDPoPTest {

    private static final DPoPClient KEY = DPoPClient.es256();
    private static ForwardAuthFixture f;

    @BeforeAll
    static void start() {
        f = new ForwardAuthFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String boundToken(Map<String, Object> cnf) {
        return f.fx.corp.token().subject("alice").audience("portcullis").expiresIn(Duration.ofMinutes(10))
                .claim("groups", List.of("admins")).claim("cnf", cnf).sign();
    }

    /** An nginx {@code auth_request} call: the original request in X-Original-*, the client's headers as is. */
    private static ApiCall.Response nginx(String method, String uri, String proto, String... clientHeaders)
            throws Exception {
        return call("/nginx", List.of("X-Original-Method: " + method, "X-Original-URI: " + uri,
                "X-Original-Host: app.example", "X-Forwarded-Proto: " + proto), clientHeaders);
    }

    /** A Traefik ForwardAuth call: X-Forwarded-Method/-Proto/-Host/-Uri. */
    private static ApiCall.Response traefik(String method, String uri, String host, String... clientHeaders)
            throws Exception {
        return call("/traefik", List.of("X-Forwarded-Method: " + method, "X-Forwarded-Uri: " + uri,
                "X-Forwarded-Host: " + host, "X-Forwarded-Proto: https"), clientHeaders);
    }

    /** A trusted caller's call: what it says of the original request, then the client's own headers. */
    private static ApiCall.Response call(String flavour, List<String> forwarded, String... clientHeaders)
            throws Exception {
        List<String> headers = new ArrayList<>(forwarded);
        headers.addAll(List.of(clientHeaders));
        return ApiCall.send("127.0.0.1", f.apiPort(), "GET", flavour, headers.toArray(String[]::new));
    }

    private static List<String> challenges(ApiCall.Response r) {
        return r.headers().stream().filter(h -> h[0].equals("www-authenticate")).map(h -> h[1]).toList();
    }

    private static void assertRefused(ApiCall.Response r, String reason) throws InterruptedException {
        assertEquals(401, r.status(), r.body());
        assertNull(r.header("X-Forwarded-User"), "a refusal carries no identity");
        String line = f.fx.awaitDecision(r.header("X-Request-Id"));
        assertTrue(line.contains(reason) && line.contains("\"decision\":\"deny\""), line);
    }

    @Test
    void nginxValidProofIsAllowedOnceAndItsReplayIsRefusedWithTheDPoPChallenge() throws Exception {
        String token = boundToken(KEY.cnf());
        String proof = KEY.proof("GET", "https://app.example/admin/reports", token);
        ApiCall.Response ok = nginx("GET", "/admin/reports?page=2", "https", "Authorization: DPoP " + token,
                "DPoP: " + proof);
        assertEquals(200, ok.status(), ok.body());
        assertEquals("alice", ok.header("X-Forwarded-User"));
        assertTrue(f.fx.awaitDecision(ok.header("X-Request-Id")).contains("\"decision\":\"allow\""));

        ApiCall.Response replayed = nginx("GET", "/admin/reports?page=2", "https", "Authorization: DPoP " + token,
                "DPoP: " + proof);
        assertRefused(replayed, "dpop-replayed");
        List<String> challenges = challenges(replayed);
        assertEquals(1, challenges.size(), challenges.toString());
        assertTrue(challenges.get(0).startsWith("DPoP error=\"invalid_dpop_proof\", error_description=\"the DPoP"
                + " proof was used before\", algs=\"ES256 "), challenges.toString());
        assertTrue(challenges.get(0).endsWith(", resource_metadata=\"https://app.example/.well-known/"
                + "oauth-protected-resource/admin\""), challenges.toString());
        assertTrue(f.fx.upstream.requests().isEmpty(), "a decision never touches the upstream");
    }

    @Test
    void nginxProofForAnotherUriMethodOrSchemeIsRefused() throws Exception {
        String token = boundToken(KEY.cnf());
        assertRefused(nginx("GET", "/admin/reports", "https", "Authorization: DPoP " + token,
                "DPoP: " + KEY.proof("GET", "https://app.example/admin/other", token)), "dpop-htu-mismatch");
        assertRefused(nginx("GET", "/admin/reports", "https", "Authorization: DPoP " + token,
                "DPoP: " + KEY.proof("POST", "https://app.example/admin/reports", token)), "dpop-htm-mismatch");
        // The caller's forwarded scheme is the one the client addressed.
        assertRefused(nginx("GET", "/admin/reports", "http", "Authorization: DPoP " + token,
                "DPoP: " + KEY.proof("GET", "https://app.example/admin/reports", token)), "dpop-htu-mismatch");
        // The forwarded target is canonicalized before the proof is checked against it.
        ApiCall.Response dots = nginx("GET", "/public/../admin/reports", "https", "Authorization: DPoP " + token,
                "DPoP: " + KEY.proof("GET", "https://app.example/admin/reports", token));
        assertEquals(200, dots.status(), dots.body());
    }

    @Test
    void traefikProofNamesTheForwardedHostWithItsPortAndTheForwardedMethod() throws Exception {
        String token = boundToken(KEY.cnf());
        String proof = KEY.proof("POST", "https://app.example:8443/admin/x", token);
        ApiCall.Response ok = traefik("POST", "/admin/x?q=1", "app.example:8443", "Authorization: DPoP " + token,
                "DPoP: " + proof);
        assertEquals(200, ok.status(), ok.body());
        assertEquals("alice", ok.header("X-Forwarded-User"));
        assertRefused(traefik("POST", "/admin/x?q=1", "app.example:8443", "Authorization: DPoP " + token,
                "DPoP: " + proof), "dpop-replayed");
        assertRefused(traefik("POST", "/admin/x", "app.example", "Authorization: DPoP " + token,
                "DPoP: " + KEY.proof("POST", "https://app.example:8443/admin/x", token)), "dpop-htu-mismatch");
    }

    @Test
    void envoyProofNamesTheOriginalPathAndMethod() throws Exception {
        String token = boundToken(KEY.cnf());
        ApiCall.Response ok = ApiCall.send("127.0.0.1", f.apiPort(), "DELETE", "/envoy/admin/x",
                "X-Forwarded-Proto: https", "Authorization: DPoP " + token,
                "DPoP: " + KEY.proof("DELETE", "https://127.0.0.1/admin/x", token));
        assertEquals(200, ok.status(), ok.body());
    }

    @Test
    void boundTokenAsBearerIsRefusedWithBothChallenges() throws Exception {
        String token = boundToken(KEY.cnf());
        ApiCall.Response r = nginx("GET", "/admin/x", "https", "Authorization: Bearer " + token);
        assertRefused(r, "bound-token-as-bearer");
        List<String> challenges = challenges(r);
        assertEquals(2, challenges.size(), challenges.toString());
        assertTrue(challenges.get(0).startsWith("Bearer error=\"invalid_token\""), challenges.toString());
        assertTrue(challenges.get(1).startsWith("DPoP algs=\"ES256 "), challenges.toString());
    }

    @Test
    void certificateBoundTokenIsRefusedSinceNoCertificateReachesTheDecisionApi() throws Exception {
        // The edge terminated TLS: no certificate the decision API verified, and none is read from a header.
        String token = boundToken(Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"));
        ApiCall.Response r = nginx("GET", "/admin/x", "https", "Authorization: Bearer " + token,
                "X-SSL-Client-Cert: -----BEGIN%20CERTIFICATE-----", "X-Client-Cert-Sha256: anything");
        assertRefused(r, "client-cert-missing");
        assertTrue(challenges(r).get(0).startsWith("Bearer error=\"invalid_token\""), challenges(r).toString());
    }
}
