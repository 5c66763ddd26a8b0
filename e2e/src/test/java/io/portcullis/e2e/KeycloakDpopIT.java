package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.fixtures.DPoPClient;
import io.portcullis.fixtures.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DPoP (RFC 9449) end to end: Keycloak's client {@code portcullis-dpop} has
 * {@code dpop.bound.access.tokens=true}, so it issues tokens only against a proof and binds them
 * ({@code cnf.jkt}) to the proof's key. Through a real Portcullis listener such a token works only with a
 * fresh proof by that key for that request; as {@code Bearer}, without a proof or with another key's
 * proof it is refused and the upstream never sees the request.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakDpopIT {

    private static final Map<String, String> ALICE = Map.of("grant_type", "password", "client_id", "portcullis-dpop",
            "client_secret", "portcullis-dpop-secret", "username", "alice", "password", "alice-password");

    private static Keycloak keycloak;
    private static ProxyUnderTest proxy;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start(Keycloak kc) throws Exception {
        keycloak = kc;
        proxy = new ProxyUnderTest(kc, "portcullis", "portcullis-secret");
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** A DPoP-bound access token for alice, bound to {@code client}'s key. */
    private static String boundToken(DPoPClient client) throws Exception {
        HttpResponse<String> response = keycloak.tokenRequest(ALICE,
                Map.of("DPoP", client.tokenRequestProof(keycloak.tokenEndpoint())));
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        assertEquals("DPoP", body.get("token_type"), response.body());
        return (String) body.get("access_token");
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.url(path))).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void keycloakIssuesTheDpopClientNoTokenWithoutAProof() {
        HttpResponse<String> response = keycloak.tokenRequest(ALICE, Map.of());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("invalid_request") || response.body().contains("invalid_dpop_proof"),
                response.body());
    }

    @Test
    void theTokenIsBoundToTheProofKey() throws Exception {
        DPoPClient client = DPoPClient.es256();
        SignedJWT token = SignedJWT.parse(boundToken(client));
        Map<String, Object> cnf = token.getJWTClaimsSet().getJSONObjectClaim("cnf");
        assertNotNull(cnf, "a DPoP-bound token carries cnf");
        assertEquals(client.thumbprint(), cnf.get("jkt"));
    }

    @Test
    void aBoundTokenWithAFreshProofPerRequestReachesTheUpstream() throws Exception {
        DPoPClient client = DPoPClient.es256();
        String token = boundToken(client);
        String sub = SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        int before = proxy.seen().size();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = get("/api/orders", Map.of("Authorization", "DPoP " + token,
                    "DPoP", client.proof("GET", proxy.url("/api/orders"), token)));
            assertEquals(200, response.statusCode(), response.body());
            RecordedRequest seen = proxy.last();
            assertEquals("/api/orders", seen.path());
            assertEquals(sub, seen.header("X-Forwarded-User"));
            assertFalse(seen.hasHeader("DPoP"), "the proof is Portcullis's business, not the upstream's");
        }
        assertEquals(before + 2, proxy.seen().size());
    }

    @Test
    void theSameTokenAsBearerIsRefusedAndNeverForwarded() throws Exception {
        String token = boundToken(DPoPClient.es256());
        int before = proxy.seen().size();
        HttpResponse<String> response = get("/api/orders", Map.of("Authorization", "Bearer " + token));
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().allValues("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("DPoP")),
                response.headers().map().toString());
        assertEquals(before, proxy.seen().size(), "the upstream never saw the stolen token");
    }

    @Test
    void theTokenWithoutAProofIsRefusedAndNeverForwarded() throws Exception {
        String token = boundToken(DPoPClient.es256());
        int before = proxy.seen().size();
        HttpResponse<String> response = get("/api/orders", Map.of("Authorization", "DPoP " + token));
        assertEquals(401, response.statusCode(), response.body());
        assertEquals(before, proxy.seen().size());
    }

    @Test
    void aProofByAnotherKeyIsRefusedAndNeverForwarded() throws Exception {
        String token = boundToken(DPoPClient.es256());
        DPoPClient thief = DPoPClient.es256();
        int before = proxy.seen().size();
        HttpResponse<String> response = get("/api/orders", Map.of("Authorization", "DPoP " + token,
                "DPoP", thief.proof("GET", proxy.url("/api/orders"), token)));
        assertEquals(401, response.statusCode(), response.body());
        assertEquals(before, proxy.seen().size());
    }

    @Test
    void aReplayedProofOrOneForAnotherUriIsRefused() throws Exception {
        DPoPClient client = DPoPClient.es256();
        String token = boundToken(client);
        String proof = client.proof("GET", proxy.url("/api/orders"), token);
        assertEquals(200, get("/api/orders", Map.of("Authorization", "DPoP " + token, "DPoP", proof)).statusCode());
        int before = proxy.seen().size();
        assertEquals(401, get("/api/orders", Map.of("Authorization", "DPoP " + token, "DPoP", proof)).statusCode(),
                "the same proof twice");
        assertEquals(401, get("/api/orders", Map.of("Authorization", "DPoP " + token,
                "DPoP", client.proof("GET", proxy.url("/api/invoices"), token))).statusCode(), "a proof for another URI");
        assertEquals(before, proxy.seen().size());
    }
}
