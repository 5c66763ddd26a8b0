package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static io.portcullis.identity.Outcomes.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.portcullis.config.DevicePostureConfig;
import io.portcullis.fixtures.EmbeddedIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device posture from a device issuer's token bound to the user, or from the identity token's claim. */
class DevicePostureTest {

    private EmbeddedIssuer idp;
    private EmbeddedIssuer mdm;
    private DefaultIdentityService service;
    private Identity alice;

    @BeforeEach
    void start() {
        idp = EmbeddedIssuer.start("/idp");
        mdm = EmbeddedIssuer.start("/mdm");
        DevicePostureConfig posture = new DevicePostureConfig("X-Device-Posture", List.of("mdm"), "sub",
                Duration.ofMinutes(15), "device_posture");
        service = DefaultIdentityService.start(TestConfigs.config(
                List.of(TestConfigs.issuer("corp", idp), TestConfigs.issuer("mdm", mdm)), posture), IdentityEvents.NONE);
        alice = authenticated(service, idp.token().subject("alice").sign());
    }

    @AfterEach
    void stop() {
        service.close();
        idp.close();
        mdm.close();
    }

    private PostureResult posture(String token, Identity identity) {
        return Await.result(service.posture(token, identity));
    }

    private DevicePosture present(String token, Identity identity) {
        PostureResult result = posture(token, identity);
        return assertInstanceOf(PostureResult.Present.class, result, () -> "absent: " + result).posture();
    }

    private void absent(String token, Identity identity, String reason) {
        PostureResult result = posture(token, identity);
        assertEquals(new PostureResult.Absent(reason), result);
    }

    @Test
    void validDeviceTokenGivesItsDeviceObject() {
        String token = mdm.token().subject("alice")
                .claim("device", Map.of("id", "laptop-7", "compliant", true, "patch_age_days", 3)).sign();

        DevicePosture posture = present(token, alice);

        assertEquals("token:mdm", posture.source());
        assertEquals("laptop-7", posture.deviceId());
        assertEquals(true, posture.attributes().get("compliant"));
        assertEquals(3L, posture.attributes().get("patch_age_days"));
        assertEquals(Instant.now().getEpochSecond(), posture.issuedAt().getEpochSecond(), 60);
    }

    @Test
    void withoutDeviceObjectTheCustomClaimsAreTheAttributes() {
        String token = mdm.token().subject("alice").claim("device_id", "d-1").claim("managed", true).sign();

        DevicePosture posture = present(token, alice);

        assertEquals("d-1", posture.deviceId());
        assertEquals(true, posture.attributes().get("managed"));
        assertFalse(posture.attributes().containsKey("iss"), "registered claims are not posture");
        assertFalse(posture.attributes().containsKey("sub"));
    }

    @Test
    void staleDeviceTokenIsAbsent() {
        String token = mdm.token().subject("alice").issuedAt(Instant.now().minus(Duration.ofMinutes(20)))
                .expiresIn(Duration.ofHours(1)).sign();

        absent(token, alice, "posture-stale");
    }

    @Test
    void deviceTokenOfAnotherUserIsAbsent() {
        absent(mdm.token().subject("mallory").sign(), alice, "posture-subject-mismatch");
        absent(mdm.token().subject("alice").sign(), null, "posture-subject-mismatch");
    }

    @Test
    void identityIssuerCannotVouchForADevice() {
        absent(idp.token().subject("alice").claim("compliant", true).sign(), alice, "posture-issuer-not-device");
    }

    @Test
    void deviceIssuerCannotVouchForAUser() {
        rejected(service, mdm.token().subject("alice").sign(), AuthFailure.DEVICE_ISSUER_AS_IDENTITY);
    }

    @Test
    void invalidDeviceTokensCarryTheirReasonAndNeverFallBackToTheClaim() {
        Identity withClaim = authenticated(service,
                idp.token().subject("alice").claim("device_posture", Map.of("compliant", true)).sign());

        absent(mdm.token().subject("alice").signedWithForeignKey(), withClaim, "posture-signature-invalid");
        absent(mdm.token().subject("alice").issuedAt(Instant.now().minusSeconds(300))
                .expiresIn(Duration.ofSeconds(60)).sign(), withClaim, "posture-expired");
        absent(mdm.token().subject("alice").audience("other").sign(), withClaim, "posture-audience-invalid");
        absent(mdm.token().subject("alice").unsigned(), withClaim, "posture-algorithm-not-allowed");
        absent("garbage", withClaim, "posture-malformed");
    }

    @Test
    void identityClaimGivesPostureWhenNoTokenIsPresented() {
        Identity withClaim = authenticated(service, idp.token().subject("alice")
                .claim("device_posture", Map.of("did", "phone-2", "compliant", true)).sign());

        DevicePosture posture = present(null, withClaim);

        assertEquals("identity-claim", posture.source());
        assertEquals(true, posture.attributes().get("compliant"));
        assertEquals("phone-2", posture.deviceId());
        assertNull(posture.issuedAt());
    }

    @Test
    void theClaimsNullMembersAreDroppedAndItsNestedValuesSharedNotCopied() {
        List<Object> tags = Collections.unmodifiableList(Arrays.asList("a", null));
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("id", "laptop-9");
        device.put("patch", null);
        device.put("tags", tags);
        Identity withClaim = new Identity("corp", idp.issuerUrl(), "alice",
                Map.of("sub", "alice", "device_posture", Collections.unmodifiableMap(device)),
                Instant.now().plusSeconds(300), "ref");

        DevicePosture posture = present(null, withClaim);

        assertEquals(Map.of("id", "laptop-9", "tags", tags), posture.attributes());
        assertFalse(posture.attributes().containsKey("patch"), "a null member carries nothing");
        assertSame(tags, posture.attributes().get("tags"), "already immutable: shared, not rebuilt");
        assertEquals("laptop-9", posture.deviceId());
    }

    @Test
    void noTokenAndNoClaimIsAbsentWithoutReason() {
        absent(null, alice, null);
        absent("", alice, null);
    }

    private AuthResult.Authenticated authenticatedResult(String token) {
        AuthResult result = Await.result(service.authenticate(token));
        return assertInstanceOf(AuthResult.Authenticated.class, result, () -> "refused: " + result);
    }

    @Test
    void theClaimPostureIsResolvedWhenTheTokenIsVerifiedAndSharedByItsCacheHits() {
        String token = idp.token().subject("alice")
                .claim("device_posture", Map.of("did", "phone-2", "compliant", true)).sign();

        authenticatedResult(token); // a first use is only remembered by the cache
        AuthResult.Authenticated first = authenticatedResult(token);
        AuthResult.Authenticated hit = authenticatedResult(token);

        assertEquals(posture(null, first.identity()), first.claimPosture(), "the same answer as resolving it now");
        assertSame(first.claimPosture(), hit.claimPosture());
        assertSame(first.claimPosture(), Await.result(service.posture(null, hit)));
        assertSame(first.claimPosture(), Await.result(service.posture("  ", hit)), "a blank header is no token");
    }

    @Test
    void aPostureTokenStillWinsOverTheResolvedClaim() {
        AuthResult.Authenticated withClaim = authenticatedResult(idp.token().subject("alice")
                .claim("device_posture", Map.of("compliant", true)).sign());
        String deviceToken = mdm.token().subject("alice").claim("device", Map.of("id", "laptop-7")).sign();

        PostureResult fromToken = Await.result(service.posture(deviceToken, withClaim));
        PostureResult forged = Await.result(service.posture(mdm.token().subject("alice").signedWithForeignKey(),
                withClaim));

        assertEquals("token:mdm", assertInstanceOf(PostureResult.Present.class, fromToken).posture().source());
        assertEquals(new PostureResult.Absent("posture-signature-invalid"), forged, "never falls back to the claim");
    }

    @Test
    void anIdentityWithoutTheClaimCarriesAnAbsentClaimPosture() {
        AuthResult.Authenticated plain = authenticatedResult(idp.token().subject("alice").sign());

        assertEquals(new PostureResult.Absent(null), plain.claimPosture());
        assertEquals(new PostureResult.Absent(null), Await.result(service.posture(null, plain)));
    }

    @Test
    void anAuthenticatedResultWithoutResolvedPostureIsResolvedOnRequest() {
        Identity withClaim = authenticated(service, idp.token().subject("alice")
                .claim("device_posture", Map.of("compliant", true)).sign());

        PostureResult result = Await.result(service.posture(null, new AuthResult.Authenticated(withClaim)));

        assertEquals(true, assertInstanceOf(PostureResult.Present.class, result).posture().attributes().get("compliant"));
    }
}
