package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.fixtures.TokenBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The enforcement path of the example config, end to end through a real listener, real issuers and a
 * real upstream: every status, and what the upstream did and did NOT receive.
 */
class EnforcementTest {

    static ProxyFixture fx;
    static final Map<String, Object> GOOD_DEVICE = Map.of("compliant", true, "patch_age_days", 3, "id", "dev-1");

    @BeforeAll
    static void start() {
        fx = new ProxyFixture(ProxyFixture.EXAMPLE);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void clear() {
        fx.upstream.clear();
    }

    static TokenBuilder user(String sub, List<String> groups, List<String> amr, Map<String, Object> device) {
        TokenBuilder b = fx.corp.token().subject(sub).audience("portcullis").expiresIn(Duration.ofMinutes(10))
                .claim("email", sub + "@corp.example").claim("groups", groups).claim("amr", amr)
                .claim("auth_time", Instant.now().getEpochSecond());
        if (device != null) {
            b.claim("device", device);
        }
        return b;
    }

    static String alice() {
        return user("alice", List.of("admins", "ops"), List.of("pwd", "otp"), GOOD_DEVICE).sign();
    }

    RawHttp.Response get(String path, String... headers) throws Exception {
        try (RawHttp c = fx.client()) {
            return c.get(path, headers);
        }
    }

    void assertUpstreamSawNothing() throws InterruptedException {
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "the upstream must not see a refused request");
    }

    @Test
    void noRouteIs404AndNothingIsForwarded() throws Exception {
        RawHttp.Response r = get("/nowhere");
        assertEquals(404, r.status());
        assertTrue(r.body().contains("\"reason\":\"no-route\""), r.body());
        assertNotNull(r.header("x-request-id"));
        assertUpstreamSawNothing();
    }

    @Test
    void pathPrefixMatchesWholeSegmentsOnly() throws Exception {
        assertEquals(404, get("/admin-console", "Authorization: Bearer " + alice()).status());
        assertEquals(404, get("/publicity").status());
        assertUpstreamSawNothing();
        assertEquals(200, get("/public").status());
        assertEquals(200, get("/public/x/y").status());
    }

    @Test
    void methodOutsideTheRouteIsNotRouted() throws Exception {
        try (RawHttp c = fx.client()) {
            c.send("DELETE /admin/x HTTP/1.1\r\nHost: app.test\r\nAuthorization: Bearer " + alice() + "\r\n\r\n");
            assertEquals(404, c.read().status());
        }
        assertUpstreamSawNothing();
    }

    @Test
    void publicRouteNeedsNoTokenAndNeverForwardsCredentials() throws Exception {
        RawHttp.Response r = get("/public/hello?x=1", "Authorization: Bearer " + alice(), "X-Device-Posture: abc");
        assertEquals(200, r.status());
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertEquals("/public/hello?x=1", seen.uri());
        assertFalse(seen.hasHeader("Authorization"), "Authorization is removed before forwarding");
        assertFalse(seen.hasHeader("X-Device-Posture"), "the posture header is removed before forwarding");
    }

    @Test
    void theResourceMetadataNamesOnlyIssuersThatVouchForUsers() throws Exception {
        RawHttp.Response r = get("/.well-known/oauth-protected-resource/admin");
        assertEquals(200, r.status(), r.body());
        // mdm vouches for devices only: no client can get an access token for the route from it.
        assertEquals(List.of(fx.corp.issuerUrl()),
                com.nimbusds.jose.util.JSONObjectUtils.parse(r.body()).get("authorization_servers"));
        assertUpstreamSawNothing();
    }

    @Test
    void protectedRouteWithoutTokenIs401WithBearerChallenge() throws Exception {
        RawHttp.Response r = get("/admin");
        assertEquals(401, r.status());
        // RFC 9728 §5.1: the challenge says where the route's resource metadata is.
        assertEquals("Bearer realm=\"portcullis\", resource_metadata=\"http://app.test/.well-known/oauth-protected-resource/admin\"",
                r.header("www-authenticate"));
        assertTrue(r.body().contains("token-missing"));
        assertUpstreamSawNothing();
    }

    @Test
    void invalidTokensAre401InvalidTokenAndNeverForwarded() throws Exception {
        List<String> bad = List.of(
                user("alice", List.of("admins"), List.of("otp"), GOOD_DEVICE).expiresIn(Duration.ofMinutes(-5)).sign(),
                user("alice", List.of("admins"), List.of("otp"), GOOD_DEVICE).audience("someone-else").sign(),
                user("alice", List.of("admins"), List.of("otp"), GOOD_DEVICE).unsigned(),
                user("alice", List.of("admins"), List.of("otp"), GOOD_DEVICE).hmacWithPublicKey(),
                user("alice", List.of("admins"), List.of("otp"), GOOD_DEVICE).signedWithForeignKey(),
                user("alice", List.of("admins"), List.of("otp"), GOOD_DEVICE).embeddedJwk(),
                fx.mdm.token().subject("alice").audience("portcullis").algorithm(JWSAlgorithm.ES256).sign(),
                "not.a.jwt",
                alice().substring(0, 40) + "x" + alice().substring(41));
        for (String token : bad) {
            RawHttp.Response r = get("/admin", "Authorization: Bearer " + token);
            assertEquals(401, r.status(), "token must be refused: " + r.body());
            String challenge = r.header("www-authenticate");
            assertTrue(challenge.startsWith("Bearer realm=\"portcullis\", error=\"invalid_token\""), challenge);
        }
        assertUpstreamSawNothing();
    }

    @Test
    void allowedUserIsForwardedWithIdentityHeadersAndNoCredentials() throws Exception {
        RawHttp.Response r = get("/admin/reports?q=1", "Authorization: bEaReR " + alice(),
                "X-Forwarded-User: mallory", "x_forwarded_email: mallory@evil.example", "X-Request-Id: trace-123");
        assertEquals(200, r.status(), r.body());
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertEquals("/admin/reports?q=1", seen.uri());
        assertEquals("alice", seen.header("X-Forwarded-User"));
        assertEquals("alice@corp.example", seen.header("X-Forwarded-Email"));
        assertEquals("admins,ops", seen.header("X-Forwarded-Groups"));
        assertFalse(seen.hasHeader("Authorization"));
        assertEquals("127.0.0.1", seen.header("X-Forwarded-For"));
        assertEquals("http", seen.header("X-Forwarded-Proto"));
        assertEquals("app.test", seen.header("X-Forwarded-Host"));
        // 127.0.0.1 is no trusted proxy: its X-Request-Id is noted apart, never made ours
        String ours = seen.header("X-Request-Id");
        assertTrue(ours.matches("[0-9a-f]{32}"), ours);
        assertEquals(ours, r.header("x-request-id"));
        String line = fx.awaitDecision("\"request_id\":\"" + ours + "\"");
        assertTrue(line.contains("\"client_request_id\":\"trace-123\""), line);
    }

    @Test
    void wrongGroupIs403WithReasonAndNeverForwarded() throws Exception {
        String bob = user("bob", List.of("staff"), List.of("pwd", "otp"), GOOD_DEVICE).sign();
        RawHttp.Response r = get("/admin", "Authorization: Bearer " + bob);
        assertEquals(403, r.status());
        assertTrue(r.body().contains("groups-unauthorized"), r.body());
        assertFalse(r.body().contains("Exception"));
        assertUpstreamSawNothing();
    }

    @Test
    void nonCompliantOrUnpatchedDeviceIs403() throws Exception {
        String carol = user("carol", List.of("admins"), List.of("otp"),
                Map.of("compliant", false, "patch_age_days", 3)).sign();
        assertEquals(403, get("/admin", "Authorization: Bearer " + carol).status());
        String old = user("dan", List.of("admins"), List.of("otp"),
                Map.of("compliant", true, "patch_age_days", 45)).sign();
        assertEquals(403, get("/admin", "Authorization: Bearer " + old).status());
        assertUpstreamSawNothing();
    }

    @Test
    void missingDevicePostureFailsClosed() throws Exception {
        String noDevice = user("erin", List.of("admins"), List.of("otp"), null).sign();
        RawHttp.Response r = get("/admin", "Authorization: Bearer " + noDevice);
        assertEquals(403, r.status());
        assertUpstreamSawNothing();
    }

    @Test
    void missingSecondFactorIs401StepUp() throws Exception {
        String dave = user("dave", List.of("admins"), List.of("pwd"), GOOD_DEVICE).sign();
        RawHttp.Response r = get("/admin", "Authorization: Bearer " + dave);
        assertEquals(401, r.status());
        assertTrue(r.header("www-authenticate").contains("error=\"insufficient_user_authentication\""));
        assertUpstreamSawNothing();
    }

    @Test
    void oldLoginIs401StepUp() throws Exception {
        String stale = user("frank", List.of("admins"), List.of("otp"), GOOD_DEVICE)
                .claim("auth_time", Instant.now().minus(Duration.ofHours(9)).getEpochSecond()).sign();
        RawHttp.Response r = get("/admin", "Authorization: Bearer " + stale);
        assertEquals(401, r.status());
        assertTrue(r.header("www-authenticate").contains("insufficient_user_authentication"));
        assertUpstreamSawNothing();
    }

    @Test
    void signedDeviceTokenBoundToTheUserProvidesPosture() throws Exception {
        String erin = user("erin", List.of("admins"), List.of("hwk"), null).sign();
        String device = fx.mdm.token().subject("erin").audience("portcullis").algorithm(JWSAlgorithm.ES256)
                .claim("device_id", "mac-1").claim("device", Map.of("compliant", true, "patch_age_days", 1)).sign();
        RawHttp.Response r = get("/admin", "Authorization: Bearer " + erin, "X-Device-Posture: " + device);
        assertEquals(200, r.status(), r.body());
        assertFalse(fx.upstream.takeRequest(Duration.ofSeconds(5)).hasHeader("X-Device-Posture"));

        String othersDevice = fx.mdm.token().subject("mallory").audience("portcullis").algorithm(JWSAlgorithm.ES256)
                .claim("device", Map.of("compliant", true, "patch_age_days", 1)).sign();
        assertEquals(403, get("/admin", "Authorization: Bearer " + erin, "X-Device-Posture: " + othersDevice).status());
        String stale = fx.mdm.token().subject("erin").audience("portcullis").algorithm(JWSAlgorithm.ES256)
                .issuedAt(Instant.now().minus(Duration.ofMinutes(20))).expiresIn(Duration.ofHours(1))
                .claim("device", Map.of("compliant", true, "patch_age_days", 1)).sign();
        assertEquals(403, get("/admin", "Authorization: Bearer " + erin, "X-Device-Posture: " + stale).status());
        // An identity issuer can never vouch for a device.
        String fromCorp = fx.corp.token().subject("erin").audience("portcullis")
                .claim("device", Map.of("compliant", true, "patch_age_days", 1)).sign();
        assertEquals(403, get("/admin", "Authorization: Bearer " + erin, "X-Device-Posture: " + fromCorp).status());
        assertUpstreamSawNothing();
    }

    @Test
    void twoAuthorizationHeadersAre400AndClose() throws Exception {
        try (RawHttp c = fx.client()) {
            RawHttp.Response r = c.get("/admin", "Authorization: Bearer " + alice(), "Authorization: Bearer " + alice());
            assertEquals(400, r.status());
            assertTrue(c.closedByServer());
        }
        assertUpstreamSawNothing();
    }

    @Test
    void decisionLogHasOneLinePerRequestAndNoToken() throws Exception {
        String token = alice();
        int before = fx.decisionLines().size();
        get("/admin/x", "Authorization: Bearer " + token, "X-Request-Id: log-test-1");
        get("/nowhere", "X-Request-Id: log-test-2");
        String allowed = fx.awaitDecision("log-test-1");
        String refused = fx.awaitDecision("log-test-2");
        List<String> lines = fx.decisionLines().subList(before, fx.decisionLines().size());
        assertEquals(1, lines.stream().filter(l -> l.contains("log-test-1")).count());
        assertTrue(allowed.contains("\"decision\":\"allow\""), allowed);
        assertTrue(allowed.contains("\"subject\":\"alice\""), allowed);
        assertTrue(allowed.contains("\"route\":\"admin\""), allowed);
        assertTrue(allowed.contains("\"status\":200"), allowed);
        assertTrue(allowed.contains("\"device_id\":\"dev-1\""), allowed);
        assertTrue(allowed.contains("\"policy\":\"admins-on-compliant-devices\""), allowed);
        assertTrue(refused.contains("\"status\":404"), refused);
        for (String line : fx.decisionLines()) {
            assertFalse(line.contains(token.substring(0, 30)), "a token must never be logged");
            assertFalse(line.contains("eyJ"), "nothing token-like may be logged: " + line);
        }
    }
}
