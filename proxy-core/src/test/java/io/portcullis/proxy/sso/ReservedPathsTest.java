package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.RawHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The paths the proxy answers itself never reach an upstream; the assertion it signs verifies. */
class ReservedPathsTest {

    private final SsoProxy fx = new SsoProxy();
    private final Browser browser = fx.browser();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void reservedPathsAreAnsweredByTheProxyAndNeverForwarded() throws Exception {
        // A catch-all route exists: without the reservation these would all be forwarded.
        assertEquals(400, browser.get("/.portcullis/callback?code=x&state=y").statusCode());
        assertEquals(404, browser.get("/.portcullis/anything-else").statusCode());
        assertEquals(404, browser.get("/.portcullis/").statusCode());
        assertEquals(405, browser.post("/.portcullis/callback", "code=x").statusCode());
        assertEquals(405, browser.get("/.portcullis/backchannel-logout").statusCode());
        assertEquals(400, browser.post("/.portcullis/backchannel-logout", "logout_token=garbage").statusCode());
        assertEquals(302, browser.get("/.portcullis/logout").statusCode());
        assertEquals(200, browser.get("/.well-known/portcullis/jwks.json").statusCode());
        try (RawHttp raw = new RawHttp(fx.port)) {
            raw.send("POST /.portcullis/backchannel-logout HTTP/1.1\r\nHost: app.test\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nlogou\r\n0\r\n\r\n");
            assertEquals(400, raw.read().status());
        }

        assertTrue(fx.upstream.requests().isEmpty(), "the upstream saw: " + fx.upstream.requests());
    }

    @Test
    void anOversizedBackChannelBodyIsRefusedUnread() throws Exception {
        try (RawHttp raw = new RawHttp(fx.port)) {
            raw.send("POST /.portcullis/backchannel-logout HTTP/1.1\r\nHost: app.test\r\nContent-Length: 1000000\r\n\r\n");
            assertEquals(413, raw.read().status());
        }
        assertTrue(fx.upstream.requests().isEmpty());
    }

    @Test
    void theAssertionSentUpstreamVerifiesAgainstThePublishedKeysAndIsBoundToTheRoute() throws Exception {
        fx.login(browser, "/app", "alice", Map.of("email", "alice@corp.example", "groups", List.of("staff")));
        browser.get("/app/again");
        HttpResponse<String> jwks = browser.api("/.well-known/portcullis/jwks.json");

        RecordedRequest seen = fx.upstream.requests().get(fx.upstream.requests().size() - 1);
        SignedJWT assertion = SignedJWT.parse(seen.header("X-Portcullis-Assertion"));
        JWKSet keys = JWKSet.parse(jwks.body());
        ECKey key = (ECKey) keys.getKeyByKeyId(assertion.getHeader().getKeyID());

        assertTrue(assertion.verify(new ECDSAVerifier(key)));
        assertFalse(jwks.body().contains("\"d\""), "only public keys are published");
        assertTrue(jwks.headers().firstValue("Cache-Control").orElse("").contains("max-age"));
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertEquals(List.of("app"), claims.getAudience());
        assertEquals("alice", claims.getSubject());
        assertEquals("alice@corp.example", claims.getStringClaim("email"));
        assertEquals(List.of("staff"), claims.getStringListClaim("groups"));
        assertEquals(60, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
    }

    @Test
    void aClientsOwnAssertionHeaderNeverReachesTheUpstream() {
        fx.login(browser, "/app", "alice", Map.of());
        browser.send("/app/x", "text/html", "GET", null, "X-Portcullis-Assertion", "forged");
        browser.send("/public/x", "text/html", "GET", null, "X-Portcullis-Assertion", "forged");

        List<RecordedRequest> seen = fx.upstream.requests();
        assertTrue(seen.get(seen.size() - 2).header("X-Portcullis-Assertion").startsWith("eyJ"));
        assertFalse(seen.get(seen.size() - 1).hasHeader("X-Portcullis-Assertion"),
                "a route without assertions forwards no client copy either");
    }

    @Test
    void opaqueBearerTokensAreIntrospectedAndTheRoutePolicyStillDecides() {
        HttpResponse<String> inactive = browser.api("/api/things", "Authorization", "Bearer 2YotnFZFEjr1zCsicMWpAA");
        String jwt = fx.idp.issueToken(SsoProxy.ISSUER_ID, "svc", "portcullis", Map.of()).serialize();
        HttpResponse<String> active = browser.api("/api/things", "Authorization", "Bearer " + jwt);

        assertEquals(401, inactive.statusCode());
        assertTrue(inactive.body().contains("token-inactive"), inactive.body());
        assertEquals(200, active.statusCode(), active.body());
        assertEquals(1, fx.upstream.requests().size());
        assertEquals("svc", fx.upstream.requests().get(0).header("X-Forwarded-User"));
    }
}
