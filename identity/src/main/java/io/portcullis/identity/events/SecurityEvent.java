package io.portcullis.identity.events;

import java.time.Instant;
import java.util.Set;

/**
 * One event of a verified SET, typed. {@code subject} is the event's own {@code subject} member when it
 * has one (CAEP and RISC drafts before SSF 1.0 put it there), otherwise the SET's top-level
 * {@code sub_id}. {@code eventTime} is the event's {@code event_timestamp}, or null when it has none.
 */
public sealed interface SecurityEvent {

    EventType type();

    SubjectId subject();

    Instant eventTime();

    /** CAEP {@code session-revoked}: a session (or, without a session subject, the user's sessions) ended. */
    record SessionRevoked(SubjectId subject, Instant eventTime) implements SecurityEvent {
        @Override
        public EventType type() {
            return EventType.SESSION_REVOKED;
        }
    }

    /** CAEP {@code credential-change}; both details may be null. */
    record CredentialChange(SubjectId subject, Instant eventTime, String credentialType, String changeType)
            implements SecurityEvent {
        @Override
        public EventType type() {
            return EventType.CREDENTIAL_CHANGE;
        }
    }

    /** CAEP {@code device-compliance-change}: {@code compliant} is the {@code current_status}. */
    record DeviceComplianceChange(SubjectId subject, Instant eventTime, boolean compliant) implements SecurityEvent {
        @Override
        public EventType type() {
            return EventType.DEVICE_COMPLIANCE_CHANGE;
        }
    }

    /** CAEP {@code assurance-level-change}; the levels may be null. */
    record AssuranceLevelChange(SubjectId subject, Instant eventTime, String namespace, String currentLevel,
            String previousLevel) implements SecurityEvent {
        @Override
        public EventType type() {
            return EventType.ASSURANCE_LEVEL_CHANGE;
        }
    }

    /** CAEP {@code token-claims-change}: the names of the claims that changed. */
    record TokenClaimsChange(SubjectId subject, Instant eventTime, Set<String> claimNames) implements SecurityEvent {
        public TokenClaimsChange {
            claimNames = Set.copyOf(claimNames);
        }

        @Override
        public EventType type() {
            return EventType.TOKEN_CLAIMS_CHANGE;
        }
    }

    /**
     * The RISC account and credential events ({@code account-disabled}, {@code account-purged},
     * {@code credential-compromise}, {@code sessions-revoked}, {@code identifier-changed}): what matters
     * about each is its type and subject.
     */
    record Risc(EventType type, SubjectId subject, Instant eventTime) implements SecurityEvent {
    }

    /** SSF {@code verification}: the transmitter answers a verification request; {@code state} may be null. */
    record Verification(SubjectId subject, String state) implements SecurityEvent {
        @Override
        public EventType type() {
            return EventType.VERIFICATION;
        }

        @Override
        public Instant eventTime() {
            return null;
        }
    }

    /** SSF {@code stream-updated}: the stream is now {@code enabled}, {@code paused} or {@code disabled}. */
    record StreamUpdated(SubjectId subject, String status, String reason) implements SecurityEvent {
        @Override
        public EventType type() {
            return EventType.STREAM_UPDATED;
        }

        @Override
        public Instant eventTime() {
            return null;
        }
    }

    /** A type Portcullis does not know; its subject is not read. */
    record Unknown(String typeUri) implements SecurityEvent {
        @Override
        public EventType type() {
            return EventType.UNKNOWN;
        }

        @Override
        public SubjectId subject() {
            return null;
        }

        @Override
        public Instant eventTime() {
            return null;
        }
    }
}
