package io.portcullis.identity.events.actions;

import io.portcullis.identity.events.SubjectId;
import java.time.Instant;

/**
 * What Portcullis does about one security event. Revocations are written to the shared state store
 * (issue 15) by its {@link SecurityActionSink}; a user is named by an {@link SubjectId.IssSub} (matched
 * against a token's {@code iss} and {@code sub}) or an {@link SubjectId.Email} (matched against a
 * verified {@code email} claim) and by nothing else.
 */
public sealed interface SecurityAction {

    EventRef ref();

    /**
     * One session ends: SSO cookies of that session and tokens carrying that {@code sid} are refused.
     *
     * @param issuer the issuer whose {@code sid} it is
     */
    record RevokeSession(EventRef ref, String issuer, String sid, Instant at) implements SecurityAction {
    }

    /** Every session and token of the user issued before {@code before} is refused. */
    record RevokeSubjectBefore(EventRef ref, SubjectId user, Instant before) implements SecurityAction {
    }

    /** The device counts as non-compliant until a posture token issued after {@code since} says otherwise. */
    record DeviceNonCompliant(EventRef ref, SubjectId device, Instant since) implements SecurityAction {
    }

    /**
     * The user's next request, and their open connections, are decided again (step-up if the policy now
     * demands it); nothing is revoked.
     */
    record ReevaluateSubject(EventRef ref, SubjectId user, Instant since, String reason) implements SecurityAction {
    }

    /** The transmitter answered a stream verification request with {@code state} (may be null). */
    record Verified(EventRef ref, String state) implements SecurityAction {
    }

    /** The transmitter says the stream is now {@code enabled}, {@code paused} or {@code disabled}. */
    record StreamStatusChanged(EventRef ref, String status, String reason) implements SecurityAction {
    }

    /** Nothing to do, and why: counted, logged, never silently dropped. */
    record Ignore(EventRef ref, String reason) implements SecurityAction {
    }
}
