package io.portcullis.proxy.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.DPoPClient;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.SharedProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server nonces (RFC 9449 §8) through a real listener: a proof without a nonce gets 401
 * {@code use_dpop_nonce} with a {@code DPoP-Nonce} header, the retry with that nonce is forwarded, and
 * a nonce this server did not issue — made up, or issued by another instance (which is what one issued
 * before a restart is: the key is per process) — is refused the same way. Nothing refused reaches the
 * upstream. (Nonces of windows gone by: {@code RotatingNonceSourceTest}, with a clock moved by hand.)
 */
class DPoPNonceFlowTest {

    private static final String CONFIG = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
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
    private static final String URI = "http://app.test/api/items";

    private static ProxyFixture fx;
    private final DPoPClient key = DPoPClient.es256();

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> CONFIG, f -> fx = f);

    private static RawHttp.Response get(ProxyFixture on, String token, String proof) throws Exception {
        try (RawHttp c = on.client()) {
            return c.get("/api/items", "Authorization: DPoP " + token, "DPoP: " + proof);
        }
    }

    private String token() {
        return fx.corp.token().subject("alice").claim("cnf", key.cnf()).sign();
    }

    /** Asserts a use_dpop_nonce refusal and returns the nonce it offers. */
    private static String nonceDemanded(RawHttp.Response r, String reason) {
        assertEquals(401, r.status(), r.body());
        String challenge = r.header("WWW-Authenticate");
        assertTrue(challenge.startsWith("DPoP error=\"use_dpop_nonce\""), challenge);
        assertTrue(r.body().contains(reason), r.body());
        String nonce = r.header("DPoP-Nonce");
        assertNotNull(nonce, "no DPoP-Nonce header");
        return nonce;
    }

    @Test
    void aProofWithoutANonceIsToldOneAndTheRetryWithItIsForwarded() throws Exception {
        String token = token();
        String nonce = nonceDemanded(get(fx, token, key.proof("GET", URI, token)), "dpop-nonce-required");
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "the upstream saw the proof without a nonce");

        RawHttp.Response retry = get(fx, token, key.proof("GET", URI, token, nonce));

        assertEquals(200, retry.status(), retry.body());
        assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)));
        assertEquals(200, get(fx, token, key.proof("GET", URI, token, nonce)).status(),
                "the nonce serves every proof of its window, not one");
    }

    @Test
    void aNonceThisServerDidNotIssueIsRefusedWithAFreshOne() throws Exception {
        String token = token();
        String current = nonceDemanded(get(fx, token, key.proof("GET", URI, token)), "dpop-nonce-required");
        String offered = nonceDemanded(get(fx, token, key.proof("GET", URI, token, "made-up-nonce")),
                "dpop-nonce-invalid");
        assertEquals(current, offered, "the refusal offers the current nonce");
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "the upstream saw a refused proof");
    }

    @Test
    void aNonceIssuedByAnotherInstanceIsStaleHere() throws Exception {
        String token = token();
        String ours = nonceDemanded(get(fx, token, key.proof("GET", URI, token)), "dpop-nonce-required");
        String theirs;
        // Another process trusting the same issuer: its nonce key is its own, as after a restart.
        try (ProxyFixture other = new ProxyFixture(CONFIG.replace("${CORP_ISS}", fx.corp.issuerUrl())
                .replace("${CORP_JWKS}", fx.corp.jwksUri()))) {
            theirs = nonceDemanded(get(other, token, key.proof("GET", URI, token)), "dpop-nonce-required");
        }
        assertNotEquals(ours, theirs);

        String offered = nonceDemanded(get(fx, token, key.proof("GET", URI, token, theirs)), "dpop-nonce-invalid");

        assertEquals(ours, offered);
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "the upstream saw a proof with a stale nonce");
    }
}
