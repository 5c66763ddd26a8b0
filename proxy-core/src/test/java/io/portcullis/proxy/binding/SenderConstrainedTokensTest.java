package io.portcullis.proxy.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.DPoPClient;
import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DPoP-bound and unbound tokens through a real listener to a real upstream: the proof is checked for
 * this method and this canonical URI, used once, never forwarded; refusals are 401 with the challenge
 * RFC 9449 prescribes, and the upstream never sees them.
 */
class SenderConstrainedTokensTest {

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
                sender_constraint: required
            routes:
              - id: api
                match: { path_prefix: /api }
                upstream: ${UPSTREAM}
                policy: signed-in
              - id: bound
                match: { path_prefix: /bound }
                upstream: ${UPSTREAM}
                policy: dpop-only
            policies:
              signed-in:
                allow: { authenticated: true }
              dpop-only:
                allow: { token: { bound: dpop } }
            """;

    private static ProxyFixture fx;
    private static final DPoPClient KEY = DPoPClient.es256();

    @BeforeAll
    static void start() {
        fx = new ProxyFixture(CONFIG);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void clear() {
        fx.upstream.clear();
    }

    private static String uri(String path) {
        return "http://app.test" + path;
    }

    private static String boundToken() {
        return fx.corp.token().subject("alice").claim("cnf", KEY.cnf()).sign();
    }

    private RawHttp.Response get(String path, String... headers) throws Exception {
        try (RawHttp c = fx.client()) {
            return c.get(path, headers);
        }
    }

    private static List<String> challenges(RawHttp.Response r) {
        return r.headers("WWW-Authenticate");
    }

    private void assertUpstreamSawNothing() throws InterruptedException {
        assertEquals(null, fx.upstream.takeRequest(Duration.ofMillis(200)), "the upstream saw a refused request");
    }

    @Test
    void aValidProofIsAcceptedAndNeverForwarded() throws Exception {
        String token = boundToken();
        RawHttp.Response r = get("/api/items?page=2", "Authorization: DPoP " + token,
                "DPoP: " + KEY.proof("GET", uri("/api/items"), token));
        assertEquals(200, r.status(), r.body());
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertNotNull(seen);
        assertFalse(seen.hasHeader("DPoP"), "the proof reached the upstream");
    }

    @Test
    void aProofForAnotherMethodIsRefused() throws Exception {
        String token = boundToken();
        RawHttp.Response r = get("/api/items", "Authorization: DPoP " + token,
                "DPoP: " + KEY.proof("POST", uri("/api/items"), token));
        assertEquals(401, r.status());
        assertTrue(challenges(r).get(0).startsWith("DPoP error=\"invalid_dpop_proof\""), challenges(r).toString());
        assertTrue(r.body().contains("dpop-htm-mismatch"), r.body());
        assertUpstreamSawNothing();
    }

    @Test
    void aProofForAnotherUriIsRefusedEvenWhenItDiffersOnlyByTheQueryOrNormalization() throws Exception {
        String token = boundToken();
        for (String htu : List.of(uri("/api/other"), uri("/api/items?page=2"), uri("/api/items/"))) {
            RawHttp.Response r = get("/api/items", "Authorization: DPoP " + token,
                    "DPoP: " + KEY.forge("GET", uri("/api/items"), token).claim("htu", htu).sign());
            assertEquals(401, r.status(), htu);
            assertTrue(challenges(r).get(0).contains("invalid_dpop_proof"), challenges(r).toString());
        }
        assertUpstreamSawNothing();
    }

    @Test
    void aProofForAnEquivalentSpellingOfThisUriIsAccepted() throws Exception {
        // Compared after normalization (RFC 9449 §4.3, RFC 3986 §6.2.2): case of scheme and host, the
        // default port and dot segments do not make another URI.
        String token = boundToken();
        RawHttp.Response r = get("/api/items", "Authorization: DPoP " + token,
                "DPoP: " + KEY.proof("GET", "HTTP://App.Test:80/api/./x/../items", token));
        assertEquals(200, r.status(), r.body());
        assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)));
    }

    @Test
    void aReplayedProofIsRefused() throws Exception {
        String token = boundToken();
        String proof = KEY.proof("GET", uri("/api/items"), token);
        assertEquals(200, get("/api/items", "Authorization: DPoP " + token, "DPoP: " + proof).status());
        assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)));
        RawHttp.Response again = get("/api/items", "Authorization: DPoP " + token, "DPoP: " + proof);
        assertEquals(401, again.status());
        assertTrue(again.body().contains("dpop-replayed"), again.body());
        assertUpstreamSawNothing();
    }

    @Test
    void aBoundTokenSentAsBearerIsRefusedWithAnOfferOfDPoP() throws Exception {
        RawHttp.Response r = get("/api/items", "Authorization: Bearer " + boundToken());
        assertEquals(401, r.status());
        List<String> c = challenges(r);
        assertTrue(c.get(0).startsWith("Bearer error=\"invalid_token\""), c.toString());
        assertTrue(c.stream().anyMatch(v -> v.startsWith("DPoP algs=")), c.toString());
        assertTrue(r.body().contains("bound-token-as-bearer"), r.body());
        assertUpstreamSawNothing();
    }

    @Test
    void anUnboundTokenIsAcceptedUnderOptionalAndRefusedUnderRequired() throws Exception {
        assertEquals(200, get("/api/items", "Authorization: Bearer " + fx.corp.token().subject("bob").sign()).status());
        assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)));
        RawHttp.Response r = get("/api/items", "Authorization: Bearer " + fx.mdm.token().subject("carol").sign());
        assertEquals(401, r.status());
        assertTrue(r.body().contains("token-not-bound"), r.body());
        assertUpstreamSawNothing();
    }

    @Test
    void aDPoPSchemeWithoutAProofIsRefused() throws Exception {
        RawHttp.Response r = get("/api/items", "Authorization: DPoP " + boundToken());
        assertEquals(401, r.status());
        assertTrue(r.body().contains("dpop-proof-missing"), r.body());
        assertUpstreamSawNothing();
    }

    @Test
    void aProofMadeWithAnotherKeyIsRefused() throws Exception {
        String token = boundToken();
        RawHttp.Response r = get("/api/items", "Authorization: DPoP " + token,
                "DPoP: " + DPoPClient.es256().proof("GET", uri("/api/items"), token));
        assertEquals(401, r.status());
        assertTrue(r.body().contains("dpop-key-mismatch"), r.body());
        assertUpstreamSawNothing();
    }

    @Test
    void aRouteThatDemandsDPoPRefusesAnUnboundTokenItsIssuerAccepts() throws Exception {
        RawHttp.Response r = get("/bound/x", "Authorization: Bearer " + fx.corp.token().subject("bob").sign());
        assertEquals(403, r.status());
        assertTrue(r.body().contains("token-not-bound-dpop"), r.body());
        assertUpstreamSawNothing();

        String token = boundToken();
        RawHttp.Response ok = get("/bound/x", "Authorization: DPoP " + token,
                "DPoP: " + KEY.proof("GET", uri("/bound/x"), token));
        assertEquals(200, ok.status(), ok.body());
        assertNotNull(fx.upstream.takeRequest(Duration.ofSeconds(5)));
    }
}
