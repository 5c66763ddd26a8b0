package io.portcullis.proxy.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.fixtures.DPoPClient;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.SharedProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 9728 through a real listener: the metadata of each route at the well-known path (bare and
 * path-suffixed), refusals for what is not a resource, and the {@code resource_metadata} parameter in
 * every 401 challenge (Bearer and DPoP) leading a client to that document. The upstream sees none of it.
 */
class ResourceMetadataTest {

    private static final String CONFIG = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            issuers:
              - id: corp
                issuer: ${CORP_ISS}
                jwks_uri: ${CORP_JWKS}
                audiences: [portcullis]
                algorithms: [RS256]
              - id: strict
                issuer: ${MDM_ISS}
                jwks_uri: ${MDM_JWKS}
                audiences: [portcullis]
                algorithms: [RS256, ES256]
                sender_constraint: { mode: required, dpop_algorithms: [ES256, PS256] }
            routes:
              - id: api
                match: { path_prefix: /api/ }
                upstream: ${UPSTREAM}
                policy: signed-in
                scopes_supported: [orders:read, orders:write]
              - id: other-host
                match: { host: other.test }
                upstream: ${UPSTREAM}
                policy: signed-in
            policies:
              signed-in:
                allow: { authenticated: true }
            """;

    private static ProxyFixture fx;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> CONFIG, f -> fx = f);

    private static RawHttp.Response get(String path, String... headers) throws Exception {
        try (RawHttp c = fx.client()) {
            return c.get(path, headers);
        }
    }

    private static Map<String, Object> json(RawHttp.Response r) throws Exception {
        assertEquals(200, r.status(), r.body());
        assertEquals("application/json", r.header("Content-Type"));
        return JSONObjectUtils.parse(r.body());
    }

    private static List<String> challenges(RawHttp.Response r) {
        return r.headers("WWW-Authenticate");
    }

    private static String metadataUrl(String challenge) {
        int at = challenge.indexOf("resource_metadata=\"");
        assertTrue(at > 0, challenge);
        int start = at + "resource_metadata=\"".length();
        return challenge.substring(start, challenge.indexOf('"', start));
    }

    private static void assertUpstreamSawNothing() throws InterruptedException {
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "the upstream saw a metadata request");
    }

    @Test
    void aRoutesMetadataNamesItsResourceIssuersAndDPoPAlgorithms() throws Exception {
        Map<String, Object> doc = json(get("/.well-known/oauth-protected-resource/api"));

        assertEquals("http://app.test/api", doc.get("resource"));
        assertEquals(List.of(fx.corp.issuerUrl(), fx.mdm.issuerUrl()), doc.get("authorization_servers"));
        assertEquals(List.of("header"), doc.get("bearer_methods_supported"));
        assertEquals(List.of("orders:read", "orders:write"), doc.get("scopes_supported"));
        // corp checks bindings with the default algorithms, strict with its own: the union, in order.
        List<?> algs = (List<?>) doc.get("dpop_signing_alg_values_supported");
        assertTrue(algs.containsAll(List.of("ES256", "PS256")), algs.toString());
        assertEquals(Boolean.FALSE, doc.get("dpop_bound_access_tokens_required"), "corp accepts unbound tokens");
        assertUpstreamSawNothing();
    }

    @Test
    void theBareFormDescribesTheOriginAndADeeperPathItsOwnResource() throws Exception {
        Map<String, Object> origin = json(get("/.well-known/oauth-protected-resource"));
        assertEquals("http://app.test", origin.get("resource"));
        assertNull(origin.get("scopes_supported"), "no route of / on this host publishes scopes");
        assertEquals("http://app.test/api/orders/42",
                json(get("/.well-known/oauth-protected-resource/api/orders/42")).get("resource"));
        assertUpstreamSawNothing();
    }

    @Test
    void aPathNoRouteTakesIsNotAResource() throws Exception {
        RawHttp.Response r = get("/.well-known/oauth-protected-resource/nothing-here");
        assertEquals(404, r.status());
        assertTrue(r.body().contains("no-route"), r.body());
        assertUpstreamSawNothing();
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("POST /.well-known/oauth-protected-resource/api HTTP/1.1\r\nHost: app.test\r\nContent-Length: 0\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(405, r.status());
            assertEquals("GET, HEAD", r.header("Allow"));
        }
        assertUpstreamSawNothing();
    }

    @Test
    void aBearerChallengeLeadsTheClientToTheRoutesMetadata() throws Exception {
        RawHttp.Response r = get("/api/items");
        assertEquals(401, r.status());
        String challenge = challenges(r).get(0);
        assertTrue(challenge.startsWith("Bearer realm=\"portcullis\", resource_metadata=\""), challenge);
        String url = metadataUrl(challenge);
        assertEquals("http://app.test/.well-known/oauth-protected-resource/api", url);

        Map<String, Object> doc = json(get(url.substring("http://app.test".length())));
        // RFC 9728 §3.3: the resource is the URL the well-known path was inserted into.
        assertEquals("http://app.test/api", doc.get("resource"));
        assertUpstreamSawNothing();
    }

    @Test
    void aRouteOfAWholeHostPointsAtTheBareForm() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("GET /x HTTP/1.1\r\nHost: other.test\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(401, r.status());
            assertEquals("http://other.test/.well-known/oauth-protected-resource", metadataUrl(challenges(r).get(0)));
        }
        assertUpstreamSawNothing();
    }

    @Test
    void refusedTokensAndDPoPChallengesCarryItToo() throws Exception {
        DPoPClient key = DPoPClient.es256();
        RawHttp.Response invalid = get("/api/items", "Authorization: Bearer not-a-token");
        assertEquals(401, invalid.status());
        assertTrue(challenges(invalid).get(0).startsWith("Bearer realm=\"portcullis\", error=\"invalid_token\""));
        metadataUrl(challenges(invalid).get(0));

        String bound = fx.corp.token().subject("alice").claim("cnf", key.cnf()).sign();
        RawHttp.Response asBearer = get("/api/items", "Authorization: Bearer " + bound);
        assertEquals(401, asBearer.status());
        List<String> c = challenges(asBearer);
        assertEquals(2, c.size(), c.toString());
        for (String challenge : c) {
            assertEquals("http://app.test/.well-known/oauth-protected-resource/api", metadataUrl(challenge));
        }
        assertTrue(c.get(1).startsWith("DPoP algs="), c.toString());

        RawHttp.Response badProof = get("/api/items", "Authorization: DPoP " + bound,
                "DPoP: " + key.proof("POST", "http://app.test/api/items", bound));
        assertEquals(401, badProof.status());
        String dpop = challenges(badProof).get(0);
        assertTrue(dpop.startsWith("DPoP error=\"invalid_dpop_proof\""), dpop);
        assertEquals("http://app.test/.well-known/oauth-protected-resource/api", metadataUrl(dpop));
        assertUpstreamSawNothing();
    }

    @Test
    void whenEveryIssuerRequiresABindingTheDocumentSaysSo() throws Exception {
        String allRequired = CONFIG.replace("    algorithms: [RS256]\n  - id: strict",
                "    algorithms: [RS256]\n    sender_constraint: required\n  - id: strict");
        assertTrue(allRequired.contains("sender_constraint: required\n  - id: strict"), "the edit applies");
        fx.writeConfig(allRequired);
        try {
            assertTrue(fx.portcullis.reload());
            assertEquals(Boolean.TRUE, json(get("/.well-known/oauth-protected-resource/api"))
                    .get("dpop_bound_access_tokens_required"));
        } finally {
            fx.writeConfig(CONFIG);
            assertTrue(fx.portcullis.reload());
        }
    }
}
