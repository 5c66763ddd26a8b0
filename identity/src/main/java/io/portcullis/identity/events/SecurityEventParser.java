package io.portcullis.identity.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code events} claim of a SET into typed events. Strict where a member decides what
 * Portcullis does (a device's {@code current_status}, a stream's {@code status}, the subject), lenient
 * where it only describes (a credential's type): refusing a revocation over a descriptive member would
 * leave the session alive.
 */
final class SecurityEventParser {

    /** SSF sends one event per SET; RFC 8417 allows more, but never many. */
    static final int MAX_EVENTS = 8;

    /** The last second of year 9999: later timestamps are nonsense. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private SecurityEventParser() {
    }

    /**
     * @param events the {@code events} claim
     * @param topSubject the SET's {@code sub_id} claim, or null
     */
    static List<SecurityEvent> parse(Object events, Object topSubject) throws MalformedSetException {
        if (!(events instanceof Map<?, ?> map) || map.isEmpty() || map.size() > MAX_EVENTS) {
            throw new MalformedSetException(SetFailure.EVENTS_INVALID);
        }
        List<SecurityEvent> out = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> payload)) {
                throw new MalformedSetException(SetFailure.EVENTS_INVALID);
            }
            out.add(event((String) entry.getKey(), payload, topSubject));
        }
        return List.copyOf(out);
    }

    private static SecurityEvent event(String uri, Map<?, ?> payload, Object topSubject) throws MalformedSetException {
        EventType type = EventType.ofUri(uri);
        if (type == EventType.UNKNOWN) {
            return new SecurityEvent.Unknown(uri);
        }
        Object subjectJson = payload.containsKey("subject") ? payload.get("subject") : topSubject;
        SubjectId subject = subjectJson == null ? null : SubjectIds.parse(subjectJson);
        Instant time = timestamp(payload.get("event_timestamp"));
        switch (type) {
            case VERIFICATION:
                return new SecurityEvent.Verification(subject, string(payload, "state"));
            case STREAM_UPDATED:
                return new SecurityEvent.StreamUpdated(subject, streamStatus(payload), string(payload, "reason"));
            default:
                break;
        }
        if (subject == null) {
            throw new MalformedSetException(SetFailure.SUBJECT_MISSING);
        }
        return switch (type) {
            case SESSION_REVOKED -> new SecurityEvent.SessionRevoked(subject, time);
            case CREDENTIAL_CHANGE -> new SecurityEvent.CredentialChange(subject, time,
                    string(payload, "credential_type"), string(payload, "change_type"));
            case DEVICE_COMPLIANCE_CHANGE -> new SecurityEvent.DeviceComplianceChange(subject, time, compliant(payload));
            case ASSURANCE_LEVEL_CHANGE -> new SecurityEvent.AssuranceLevelChange(subject, time,
                    string(payload, "namespace"), string(payload, "current_level"), string(payload, "previous_level"));
            case TOKEN_CLAIMS_CHANGE -> new SecurityEvent.TokenClaimsChange(subject, time, claimNames(payload));
            default -> new SecurityEvent.Risc(type, subject, time);
        };
    }

    private static boolean compliant(Map<?, ?> payload) throws MalformedSetException {
        String status = string(payload, "current_status");
        if ("compliant".equals(status)) {
            return true;
        }
        if ("not-compliant".equals(status)) {
            return false;
        }
        throw new MalformedSetException(SetFailure.EVENT_INVALID);
    }

    private static String streamStatus(Map<?, ?> payload) throws MalformedSetException {
        String status = string(payload, "status");
        if ("enabled".equals(status) || "paused".equals(status) || "disabled".equals(status)) {
            return status;
        }
        throw new MalformedSetException(SetFailure.EVENT_INVALID);
    }

    private static Set<String> claimNames(Map<?, ?> payload) throws MalformedSetException {
        if (!(payload.get("claims") instanceof Map<?, ?> claims) || claims.isEmpty()) {
            throw new MalformedSetException(SetFailure.EVENT_INVALID);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object name : claims.keySet()) {
            names.add((String) name);
        }
        return names;
    }

    /** An optional string member: null when absent, a malformed event when of another type. */
    private static String string(Map<?, ?> payload, String name) throws MalformedSetException {
        Object value = payload.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new MalformedSetException(SetFailure.EVENT_INVALID);
    }

    private static Instant timestamp(Object value) throws MalformedSetException {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            double seconds = n.doubleValue();
            if (seconds >= 0 && seconds <= MAX_EPOCH_SECOND) {
                return Instant.ofEpochSecond(n.longValue());
            }
        }
        throw new MalformedSetException(SetFailure.EVENT_INVALID);
    }
}
