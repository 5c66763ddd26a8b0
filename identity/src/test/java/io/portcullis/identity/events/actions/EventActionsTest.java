package io.portcullis.identity.events.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.identity.events.EventType;
import io.portcullis.identity.events.SsfBed;
import io.portcullis.identity.events.SubjectId;
import io.portcullis.identity.events.delivery.IntakeResult;
import io.portcullis.identity.events.delivery.SecurityEventsListener;
import io.portcullis.identity.events.delivery.SetIntake;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every event type Portcullis knows, signed by a real transmitter and received whole (verification,
 * mapping, sink): each gives the action the continuous-access design says.
 */
class EventActionsTest {

    private static SsfBed bed;
    private static SetIntake intake;

    @BeforeAll
    static void start() {
        bed = new SsfBed();
        intake = bed.intake(SecurityEventsListener.NONE);
    }

    @AfterAll
    static void close() {
        bed.close();
    }

    private static SecurityAction receive(EventType type, Map<String, Object> event, Map<String, Object> subId) {
        IntakeResult result = SsfBed.await(intake.receive(bed.transmitter.set(SsfBed.AUDIENCE, type.uri(), event, subId).sign()));
        assertTrue(result.accepted(), () -> "refused: " + result.failure());
        assertEquals(1, result.actions().size());
        SecurityAction action = result.actions().get(0);
        assertEquals(action, bed.sink.actions().get(bed.sink.actions().size() - 1), "the sink got it");
        assertEquals(type.shortName(), action.ref().type());
        assertEquals("corp", action.ref().transmitter());
        return action;
    }

    private static SubjectId.IssSub alice() {
        return new SubjectId.IssSub(bed.transmitter.issuer(), "alice-id");
    }

    @Test
    void sessionRevokedWithASessionEndsThatSession() {
        Map<String, Object> complex = Map.of("user", bed.alice(), "session", Map.of("format", "opaque", "id", "sid-42"));
        long when = Instant.now().minusSeconds(5).getEpochSecond();
        var action = assertInstanceOf(SecurityAction.RevokeSession.class,
                receive(EventType.SESSION_REVOKED, Map.of("event_timestamp", when), complex));
        assertEquals("sid-42", action.sid());
        assertEquals(bed.transmitter.issuer(), action.issuer());
        assertEquals(Instant.ofEpochSecond(when), action.at());
    }

    @Test
    void sessionRevokedForAUserEndsAllTheirSessions() {
        var action = assertInstanceOf(SecurityAction.RevokeSubjectBefore.class,
                receive(EventType.SESSION_REVOKED, Map.of(), bed.alice()));
        assertEquals(alice(), action.user());
        assertTrue(action.before().isAfter(Instant.now().minusSeconds(60)), "from the SET's iat");
    }

    @Test
    void keycloaksAllSessionsMarkerEndsEverySessionOfTheUser() {
        // Keycloak 26.7's SET when an administrator logs a user out (KeycloakSsfIT sees it from the real one).
        Map<String, Object> complex = Map.of("format", "complex", "user", bed.alice(),
                "session", Map.of("format", "opaque", "id", "ALL"));
        long when = Instant.now().minusSeconds(5).getEpochSecond();
        var action = assertInstanceOf(SecurityAction.RevokeSubjectBefore.class,
                receive(EventType.SESSION_REVOKED, Map.of("event_timestamp", when), complex));
        assertEquals(alice(), action.user());
        assertEquals(Instant.ofEpochSecond(when), action.before());
    }

    @Test
    void credentialAndAccountEventsEndEverySessionOfTheUser() {
        Map<String, Object> email = Map.of("format", "email", "email", "alice@example.com");
        for (EventType type : List.of(EventType.CREDENTIAL_CHANGE, EventType.ACCOUNT_DISABLED, EventType.ACCOUNT_PURGED,
                EventType.CREDENTIAL_COMPROMISE, EventType.SESSIONS_REVOKED)) {
            var action = assertInstanceOf(SecurityAction.RevokeSubjectBefore.class,
                    receive(type, Map.of("credential_type", "password", "change_type", "update"), email), type.name());
            assertEquals(new SubjectId.Email("alice@example.com"), action.user());
        }
    }

    @Test
    void aLegacySubjectInsideTheEventIsRead() {
        // CAEP drafts before SSF 1.0: the subject sits inside the event, and there is no sub_id.
        var action = assertInstanceOf(SecurityAction.RevokeSubjectBefore.class,
                receive(EventType.CREDENTIAL_CHANGE, Map.of("subject", bed.alice(), "credential_type", "password"), null));
        assertEquals(alice(), action.user());
    }

    @Test
    void anEventTimeAfterTheSetIsIssuedCountsAsIssuedThen() {
        long future = Instant.now().plusSeconds(3600).getEpochSecond();
        var action = assertInstanceOf(SecurityAction.RevokeSubjectBefore.class,
                receive(EventType.ACCOUNT_DISABLED, Map.of("event_timestamp", future), bed.alice()));
        assertTrue(action.before().isBefore(Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS)),
                "a transmitter cannot revoke tokens issued after it spoke: " + action.before());
    }

    @Test
    void aNonCompliantDeviceIsMarkedAndACompliantOneLeftToPosture() {
        Map<String, Object> subject = Map.of("device", Map.of("format", "iss_sub", "iss", "https://mdm.example", "sub", "dev-7"),
                "user", bed.alice());
        var marked = assertInstanceOf(SecurityAction.DeviceNonCompliant.class, receive(EventType.DEVICE_COMPLIANCE_CHANGE,
                Map.of("current_status", "not-compliant", "previous_status", "compliant"), subject));
        assertEquals(new SubjectId.IssSub("https://mdm.example", "dev-7"), marked.device());
        var compliant = assertInstanceOf(SecurityAction.Ignore.class, receive(EventType.DEVICE_COMPLIANCE_CHANGE,
                Map.of("current_status", "compliant", "previous_status", "not-compliant"), subject));
        assertTrue(compliant.reason().contains("posture token"), compliant.reason());
    }

    @Test
    void assuranceAndClaimsChangesReevaluateTheUser() {
        var assurance = assertInstanceOf(SecurityAction.ReevaluateSubject.class, receive(EventType.ASSURANCE_LEVEL_CHANGE,
                Map.of("namespace", "RFC8176", "current_level", "pwd", "previous_level", "mfa"), bed.alice()));
        assertEquals(alice(), assurance.user());
        var claims = assertInstanceOf(SecurityAction.ReevaluateSubject.class, receive(EventType.TOKEN_CLAIMS_CHANGE,
                Map.of("claims", Map.of("role", "guest")), bed.alice()));
        assertTrue(claims.reason().contains("role"), claims.reason());
    }

    @Test
    void streamEventsAreAnswered() {
        Map<String, Object> stream = Map.of("format", "opaque", "id", "stream-1");
        var verified = assertInstanceOf(SecurityAction.Verified.class,
                receive(EventType.VERIFICATION, Map.of("state", "abc"), stream));
        assertEquals("abc", verified.state());
        var updated = assertInstanceOf(SecurityAction.StreamStatusChanged.class,
                receive(EventType.STREAM_UPDATED, Map.of("status", "paused", "reason", "maintenance"), stream));
        assertEquals("paused", updated.status());
    }

    @Test
    void unknownTypesAndUnmatchableSubjectsAreIgnoredWithAReason() {
        IntakeResult unknown = SsfBed.await(intake.receive(bed.transmitter.set(SsfBed.AUDIENCE,
                "https://example.com/event-type/coffee-spilled", Map.of("cups", 2), bed.alice()).sign()));
        var ignored = assertInstanceOf(SecurityAction.Ignore.class, unknown.actions().get(0));
        assertEquals("unknown", ignored.ref().type());
        var did = assertInstanceOf(SecurityAction.Ignore.class, receive(EventType.SESSION_REVOKED, Map.of(),
                Map.of("format", "did", "url", "did:example:123")));
        assertTrue(did.reason().contains("did"), did.reason());
        var phone = assertInstanceOf(SecurityAction.Ignore.class, receive(EventType.ACCOUNT_DISABLED, Map.of(),
                Map.of("format", "phone_number", "phone_number", "+12065550100")));
        assertTrue(phone.reason().contains("phone_number"), phone.reason());
        assertInstanceOf(SecurityAction.Ignore.class, receive(EventType.IDENTIFIER_CHANGED, Map.of(), bed.alice()));
    }
}
