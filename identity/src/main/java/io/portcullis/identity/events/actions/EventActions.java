package io.portcullis.identity.events.actions;

import io.portcullis.identity.events.SecurityEvent;
import io.portcullis.identity.events.SecurityEventToken;
import io.portcullis.identity.events.SubjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the events of a verified SET into actions: a pure function, one action per event. A revocation
 * takes effect from the event's time ({@code event_timestamp}, else the SET's {@code iat}), never later
 * than {@code iat}: a transmitter cannot revoke tokens issued after it spoke.
 */
public final class EventActions {

    /**
     * The session id Keycloak (26.7) puts in a {@code session-revoked} SET when an administrator ends every
     * session of a user: not a session, so taken as "all of them". A real Keycloak session id is a random
     * token of 24 characters and never this.
     */
    static final String KEYCLOAK_ALL_SESSIONS = "ALL";

    private EventActions() {
    }

    public static List<SecurityAction> of(SecurityEventToken set) {
        List<SecurityAction> out = new ArrayList<>(set.events().size());
        for (SecurityEvent event : set.events()) {
            out.add(of(set, event));
        }
        return List.copyOf(out);
    }

    static SecurityAction of(SecurityEventToken set, SecurityEvent event) {
        EventRef ref = new EventRef(set.transmitter(), set.jti(), event.type().shortName());
        Instant at = effectiveTime(set, event);
        // Java 17: no patterns in switch, so the type decides and the cast follows it.
        return switch (event.type()) {
            case SESSION_REVOKED -> sessionRevoked(ref, set, event.subject(), at);
            case CREDENTIAL_CHANGE, ACCOUNT_DISABLED, ACCOUNT_PURGED, CREDENTIAL_COMPROMISE, SESSIONS_REVOKED ->
                    revokeUser(ref, event.subject(), at);
            case IDENTIFIER_CHANGED -> new SecurityAction.Ignore(ref,
                    "identifier changed: tokens keep their subject, nothing to revoke");
            case DEVICE_COMPLIANCE_CHANGE -> deviceCompliance(ref, (SecurityEvent.DeviceComplianceChange) event, at);
            case ASSURANCE_LEVEL_CHANGE -> reevaluate(ref, event.subject(), at, "assurance level changed");
            case TOKEN_CLAIMS_CHANGE -> reevaluate(ref, event.subject(), at,
                    "claims changed: " + String.join(",", ((SecurityEvent.TokenClaimsChange) event).claimNames()));
            case VERIFICATION -> new SecurityAction.Verified(ref, ((SecurityEvent.Verification) event).state());
            case STREAM_UPDATED -> {
                SecurityEvent.StreamUpdated updated = (SecurityEvent.StreamUpdated) event;
                yield new SecurityAction.StreamStatusChanged(ref, updated.status(), updated.reason());
            }
            case UNKNOWN -> new SecurityAction.Ignore(ref, "unknown event type");
        };
    }

    private static SecurityAction sessionRevoked(EventRef ref, SecurityEventToken set, SubjectId subject, Instant at) {
        if (subject instanceof SubjectId.Complex complex && complex.session() != null) {
            if (!(complex.session() instanceof SubjectId.Opaque session)) {
                return new SecurityAction.Ignore(ref, "session subject of format " + complex.session().format()
                        + " names no sid");
            }
            if (KEYCLOAK_ALL_SESSIONS.equals(session.id()) && complex.user() != null) {
                return revokeUser(ref, subject, at);
            }
            String issuer = complex.user() instanceof SubjectId.IssSub user ? user.iss() : set.issuer();
            return new SecurityAction.RevokeSession(ref, issuer, session.id(), at);
        }
        // No session named: every session of the user ends.
        return revokeUser(ref, subject, at);
    }

    private static SecurityAction revokeUser(EventRef ref, SubjectId subject, Instant at) {
        SubjectId user = user(subject);
        return user == null ? unmatchable(ref, subject) : new SecurityAction.RevokeSubjectBefore(ref, user, at);
    }

    private static SecurityAction reevaluate(EventRef ref, SubjectId subject, Instant at, String reason) {
        SubjectId user = user(subject);
        return user == null ? unmatchable(ref, subject) : new SecurityAction.ReevaluateSubject(ref, user, at, reason);
    }

    private static SecurityAction deviceCompliance(EventRef ref, SecurityEvent.DeviceComplianceChange e, Instant at) {
        if (e.compliant()) {
            return new SecurityAction.Ignore(ref, "device compliant again: a posture token issued after the event decides");
        }
        SubjectId device = e.subject() instanceof SubjectId.Complex complex ? complex.device() : e.subject();
        if (device == null || device instanceof SubjectId.Unsupported) {
            return unmatchable(ref, e.subject());
        }
        return new SecurityAction.DeviceNonCompliant(ref, device, at);
    }

    /** The user a subject names in a form tokens can be matched against, or null. */
    private static SubjectId user(SubjectId subject) {
        SubjectId user = subject instanceof SubjectId.Complex complex ? complex.user() : subject;
        return user instanceof SubjectId.IssSub || user instanceof SubjectId.Email ? user : null;
    }

    private static SecurityAction unmatchable(EventRef ref, SubjectId subject) {
        String format = subject instanceof SubjectId.Complex complex && complex.user() != null
                ? complex.user().format() : subject.format();
        return new SecurityAction.Ignore(ref, "subject of format " + format + " cannot be matched to tokens");
    }

    private static Instant effectiveTime(SecurityEventToken set, SecurityEvent event) {
        Instant eventTime = event.eventTime();
        return eventTime == null || eventTime.isAfter(set.issuedAt()) ? set.issuedAt() : eventTime;
    }
}
