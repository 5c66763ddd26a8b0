package io.portcullis.proxy.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jwt.JWTClaimsSet;
import io.portcullis.fixtures.DPoPClient;
import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.SharedProxy;
import io.portcullis.proxy.UpstreamAssertion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed identity assertion a real upstream receives states how the token was bound: {@code dpop}
 * for a DPoP-bound token with its proof, {@code unbound} for a plain bearer the issuer allows,
 * {@code not-checked} for an issuer with {@code sender_constraint: none}. The proof itself never
 * arrives. ({@code mtls}: {@code CertificateBoundTokenTest}, on the mTLS listener.)
 */
class TokenBindingAssertionTest {

    private static final String CONFIG = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            issuers:
              - id: corp
                issuer: ${CORP_ISS}
                jwks_uri: ${CORP_JWKS}
                audiences: [portcullis]
                algorithms: [RS256]
              - id: legacy
                issuer: ${MDM_ISS}
                jwks_uri: ${MDM_JWKS}
                audiences: [portcullis]
                algorithms: [RS256, ES256]
                sender_constraint: none
            routes:
              - id: api
                match: { path_prefix: /api }
                upstream: ${UPSTREAM}
                policy: signed-in
                assertion_header: X-Portcullis-Assertion
            policies:
              signed-in:
                allow: { authenticated: true }
            """;

    private static ProxyFixture fx;

    @TempDir
    static Path dir;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> CONFIG + UpstreamAssertion.configBlock(dir), f -> fx = f);

    private static JWTClaimsSet forwarded(String... headers) throws Exception {
        try (RawHttp c = fx.client()) {
            RawHttp.Response r = c.get("/api/items", headers);
            assertEquals(200, r.status(), r.body());
        }
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertNotNull(seen);
        assertFalse(seen.hasHeader("DPoP"), "the proof reached the upstream");
        assertFalse(seen.hasHeader("Authorization"), "the token reached the upstream");
        JWTClaimsSet claims = UpstreamAssertion.verified(seen);
        assertEquals(List.of("api"), claims.getAudience());
        return claims;
    }

    @Test
    void aDPoPBoundTokenWithItsProofIsAssertedAsDPoP() throws Exception {
        DPoPClient key = DPoPClient.es256();
        String token = fx.corp.token().subject("alice").claim("cnf", key.cnf()).sign();
        JWTClaimsSet claims = forwarded("Authorization: DPoP " + token,
                "DPoP: " + key.proof("GET", "http://app.test/api/items", token));
        assertEquals("alice", claims.getSubject());
        assertEquals("dpop", claims.getClaim("token_binding"));
    }

    @Test
    void aPlainBearerTheIssuerAllowsIsAssertedAsUnbound() throws Exception {
        JWTClaimsSet claims = forwarded("Authorization: Bearer " + fx.corp.token().subject("bob").sign());
        assertEquals("bob", claims.getSubject());
        assertEquals("unbound", claims.getClaim("token_binding"));
    }

    @Test
    void anIssuerThatChecksNoBindingIsAssertedAsNotChecked() throws Exception {
        DPoPClient key = DPoPClient.es256();
        // Even a token that names a key: the issuer's setting says its bindings are not checked here.
        String token = fx.mdm.token().subject("carol").claim("cnf", key.cnf()).sign();
        JWTClaimsSet claims = forwarded("Authorization: Bearer " + token);
        assertEquals("carol", claims.getSubject());
        assertEquals("not-checked", claims.getClaim("token_binding"));
    }

    @Test
    void aRefusedProofSendsNothingUpstream() throws Exception {
        DPoPClient key = DPoPClient.es256();
        String token = fx.corp.token().subject("alice").claim("cnf", key.cnf()).sign();
        try (RawHttp c = fx.client()) {
            assertEquals(401, c.get("/api/items", "Authorization: DPoP " + token,
                    "DPoP: " + key.proof("GET", "http://app.test/api/other", token)).status());
        }
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "no assertion was made for a refused proof");
    }
}
