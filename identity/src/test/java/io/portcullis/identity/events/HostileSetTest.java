package io.portcullis.identity.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.TokenBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SETs an attacker (or a broken transmitter) could send, each refused for its own reason, with the
 * RFC 8935 error code the push answer carries. Keys come from the transmitter's real JWKS over HTTP.
 */
class HostileSetTest {

    // One transmitter for the class: its keys take a while to make; every SET has its own jti.
    private static SsfBed bed;
    private static SetVerifier verifier;

    @BeforeAll
    static void start() {
        bed = new SsfBed();
        verifier = bed.verifier(List.of("RS256"));
    }

    @AfterAll
    static void close() {
        bed.close();
    }

    private static TokenBuilder sessionRevoked() {
        return bed.transmitter.set(SsfBed.AUDIENCE, EventType.SESSION_REVOKED.uri(), Map.of(), bed.alice());
    }

    private static SetFailure refusal(String set) {
        SetVerification result = SsfBed.await(verifier.verify(set));
        return assertInstanceOf(SetVerification.Refused.class, result, "expected a refusal").failure();
    }

    @Test
    void aWellFormedSetIsAcceptedOnce() {
        String set = sessionRevoked().sign();
        assertInstanceOf(SetVerification.Accepted.class, SsfBed.await(verifier.verify(set)));
        assertEquals(SetFailure.DUPLICATE, refusal(set));
        assertEquals("invalid_request", SetFailure.DUPLICATE.errorCode());
    }

    @Test
    void signaturesNotMadeByTheTransmittersKeysAreRefused() {
        assertEquals(SetFailure.SIGNATURE_INVALID, refusal(sessionRevoked().signedWithForeignKey()));
        assertEquals(SetFailure.ALGORITHM_NOT_ALLOWED, refusal(sessionRevoked().unsigned()));
        assertEquals(SetFailure.ALGORITHM_NOT_ALLOWED, refusal(sessionRevoked().hmacWithPublicKey()));
        // The attacker's key in the header is never used: the kid names no key of the transmitter.
        SetFailure embedded = refusal(sessionRevoked().embeddedJwk());
        assertTrue(embedded == SetFailure.KEY_NOT_FOUND || embedded == SetFailure.SIGNATURE_INVALID, embedded.name());
        assertEquals(SetFailure.KEY_NOT_FOUND, refusal(sessionRevoked().kid("no-such-key").sign()));
        assertEquals("invalid_key", SetFailure.SIGNATURE_INVALID.errorCode());
        // ES256 is signed with a real key of the transmitter, but this transmitter's allowlist is RS256 only.
        assertEquals(SetFailure.ALGORITHM_NOT_ALLOWED,
                refusal(sessionRevoked().algorithm(com.nimbusds.jose.JWSAlgorithm.ES256).sign()));
    }

    @Test
    void headerRulesHold() {
        assertEquals(SetFailure.TYPE_NOT_ALLOWED, refusal(sessionRevoked().type("JWT").sign()));
        assertEquals(SetFailure.TYPE_NOT_ALLOWED, refusal(sessionRevoked().type(null).sign()));
        assertEquals(SetFailure.CRIT_UNSUPPORTED, refusal(sessionRevoked().critical("exp")));
        assertInstanceOf(SetVerification.Accepted.class,
                SsfBed.await(verifier.verify(sessionRevoked().type("application/secevent+jwt").sign())));
    }

    @Test
    void issuerAudienceAndTimeAreChecked() {
        assertEquals(SetFailure.ISSUER_INVALID, refusal(sessionRevoked().issuer("https://evil.example").sign()));
        assertEquals("invalid_issuer", SetFailure.ISSUER_INVALID.errorCode());
        assertEquals(SetFailure.AUDIENCE_INVALID, refusal(sessionRevoked().audience("someone-else").sign()));
        assertEquals("invalid_audience", SetFailure.AUDIENCE_INVALID.errorCode());
        assertEquals(SetFailure.EXPIRED, refusal(sessionRevoked().issuedAt(Instant.now().minusSeconds(600))
                .expiresIn(Duration.ofSeconds(60)).claim("exp", Instant.now().minusSeconds(540).getEpochSecond()).sign()));
        assertEquals(SetFailure.ISSUED_IN_FUTURE, refusal(sessionRevoked().issuedAt(Instant.now().plusSeconds(600)).sign()));
        assertEquals(SetFailure.TOO_OLD, refusal(sessionRevoked().issuedAt(Instant.now().minus(Duration.ofHours(2))).sign()));
        assertEquals(SetFailure.CLAIMS_INVALID, refusal(sessionRevoked().claim("jti", null).sign()));
        // A SET need not expire (RFC 8417): one without exp and recent is fine (see the first test);
        // one whose exp is still ahead is fine too.
        assertInstanceOf(SetVerification.Accepted.class, SsfBed.await(verifier.verify(
                sessionRevoked().claim("exp", Instant.now().plusSeconds(300).getEpochSecond()).sign())));
    }

    @Test
    void contentThatIsNotASetIsRefused() {
        assertEquals(SetFailure.SUBJECT_FORMAT_UNKNOWN, refusal(bed.transmitter.set(SsfBed.AUDIENCE,
                EventType.SESSION_REVOKED.uri(), Map.of(), Map.of("format", "shoe_size", "size", "44")).sign()));
        assertEquals(SetFailure.SUBJECT_INVALID, refusal(bed.transmitter.set(SsfBed.AUDIENCE,
                EventType.SESSION_REVOKED.uri(), Map.of(), Map.of("format", "email", "email", 42)).sign()));
        assertEquals(SetFailure.SUBJECT_MISSING, refusal(bed.transmitter.set(SsfBed.AUDIENCE,
                EventType.SESSION_REVOKED.uri(), Map.of(), null).sign()));
        assertEquals(SetFailure.EVENTS_INVALID, refusal(sessionRevoked().claim("events", "revoke everything").sign()));
        assertEquals(SetFailure.EVENTS_INVALID, refusal(sessionRevoked().claim("events", Map.of()).sign()));
        assertEquals(SetFailure.EVENTS_INVALID, refusal(sessionRevoked().claim("events", null).sign()));
        assertEquals(SetFailure.EVENT_INVALID, refusal(bed.transmitter.set(SsfBed.AUDIENCE,
                EventType.DEVICE_COMPLIANCE_CHANGE.uri(), Map.of("current_status", "meh"), bed.alice()).sign()));
        assertEquals(SetFailure.MALFORMED, refusal(sessionRevoked().signedWithEditedPayload(json -> json + "}{")));
        assertEquals(SetFailure.MALFORMED, refusal(sessionRevoked().signedWithEditedPayload(json -> "[1,2,3]")));
        assertEquals(SetFailure.MALFORMED, refusal("not.a.set"));
        assertEquals(SetFailure.MALFORMED, refusal(""));
        assertEquals(SetFailure.TOO_LARGE, refusal("a".repeat(SetVerifier.MAX_SET_BYTES + 1)));
    }

    @Test
    void aRefusedSetDoesNotUseUpItsJti() {
        TokenBuilder builder = sessionRevoked().claim("jti", "jti-refused-first");
        assertEquals(SetFailure.SIGNATURE_INVALID, refusal(builder.signedWithForeignKey()));
        assertInstanceOf(SetVerification.Accepted.class, SsfBed.await(verifier.verify(builder.sign())));
    }
}
