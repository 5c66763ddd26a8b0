package io.portcullis.proxy.decisionapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.DPoPClient;
import io.portcullis.proxy.ProxyFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server nonces (RFC 9449 §8) through forward-auth, over a real decision API listener: a proof without
 * a nonce is answered 401 {@code use_dpop_nonce} with the {@code DPoP-Nonce} header the edge passes to
 * the client, and the client's retry carrying that nonce is allowed.
 */
class ForwardAuthDPoPNonceTest {

    private static final String CONFIG = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            trusted_proxies: [127.0.0.1/32]
            decision_api:
              listen: 127.0.0.1:0
            issuers:
              - id: corp
                issuer: ${CORP_ISS}
                jwks_uri: ${CORP_JWKS}
                audiences: [portcullis]
                algorithms: [RS256]
                sender_constraint: { mode: required, dpop_nonce: true }
            routes:
              - id: api
                match: { path_prefix: /api }
                upstream: ${UPSTREAM}
                policy: signed-in
            policies:
              signed-in:
                allow: { authenticated: true }
            """;

    private static ProxyFixture fx;

    @BeforeAll
    static void start() {
        fx = new ProxyFixture(CONFIG);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static ApiCall.Response traefik(String token, String proof) throws Exception {
        return ApiCall.send("127.0.0.1", fx.portcullis.decisionApiPort(), "GET", "/traefik",
                "X-Forwarded-Method: GET", "X-Forwarded-Uri: /api/items?x=1", "X-Forwarded-Host: app.test",
                "X-Forwarded-Proto: https", "Authorization: DPoP " + token, "DPoP: " + proof);
    }

    @Test
    void aProofWithoutANonceGetsOneAndTheRetryWithItIsAllowed() throws Exception {
        DPoPClient key = DPoPClient.es256();
        String token = fx.corp.token().subject("alice").claim("cnf", key.cnf()).sign();
        String uri = "https://app.test/api/items";
        ApiCall.Response first = traefik(token, key.proof("GET", uri, token));
        assertEquals(401, first.status(), first.body());
        String challenge = first.header("WWW-Authenticate");
        assertTrue(challenge.startsWith("DPoP error=\"use_dpop_nonce\"")
                && challenge.endsWith("resource_metadata=\"https://app.test/.well-known/oauth-protected-resource/api\""),
                challenge);
        String nonce = first.header("DPoP-Nonce");
        assertNotNull(nonce, "no DPoP-Nonce header for the edge to pass on");
        assertTrue(fx.awaitDecision(first.header("X-Request-Id")).contains("dpop-nonce-required"));

        ApiCall.Response retry = traefik(token, key.proof("GET", uri, token, nonce));
        assertEquals(200, retry.status(), retry.body());
        assertTrue(fx.upstream.requests().isEmpty(), "a decision never touches the upstream");
    }
}
