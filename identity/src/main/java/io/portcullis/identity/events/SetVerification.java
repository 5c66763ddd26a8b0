package io.portcullis.identity.events;

/** The outcome of verifying one SET: accepted with its content, or refused with the reason. */
public sealed interface SetVerification {

    /** Every check passed; the SET's {@code jti} is now recorded as used. */
    record Accepted(SecurityEventToken set) implements SetVerification {
    }

    /**
     * A check failed; nothing of the SET may be acted on.
     *
     * @param jti the SET's {@code jti} when it could be read (for a poll's {@code setErrs}), else null
     */
    record Refused(SetFailure failure, String jti) implements SetVerification {

        static Refused of(SetFailure failure) {
            return new Refused(failure, null);
        }
    }
}
