package io.portcullis.identity.events;

/**
 * A subject identifier (RFC 9493, and the complex subject of SSF 1.0): who or what an event is about.
 * Formats Portcullis cannot match to anything it sees ({@code did}, {@code uri}, {@code aliases},
 * {@code jwt_id}, {@code saml_assertion_id}) parse as {@link Unsupported}, so the event is still
 * accepted and counted; a format nobody defined is a malformed SET.
 */
public sealed interface SubjectId {

    /** The {@code format} value as written in the SET ({@code complex} for a complex subject). */
    String format();

    /** {@code email}: an email address. */
    record Email(String email) implements SubjectId {
        @Override
        public String format() {
            return "email";
        }
    }

    /** {@code iss_sub}: the {@code iss} and {@code sub} of the subject's tokens. */
    record IssSub(String iss, String sub) implements SubjectId {
        @Override
        public String format() {
            return "iss_sub";
        }
    }

    /** {@code opaque}: an identifier only the transmitter interprets (a session id, a stream id). */
    record Opaque(String id) implements SubjectId {
        @Override
        public String format() {
            return "opaque";
        }
    }

    /** {@code phone_number}: an E.164 telephone number. */
    record PhoneNumber(String phoneNumber) implements SubjectId {
        @Override
        public String format() {
            return "phone_number";
        }
    }

    /** {@code account}: an {@code acct:} URI (RFC 7565). */
    record Account(String uri) implements SubjectId {
        @Override
        public String format() {
            return "account";
        }
    }

    /** A registered format Portcullis does not act on. */
    record Unsupported(String format) implements SubjectId {
    }

    /**
     * A complex subject (SSF 1.0 §3.2): several facets of one principal. A member that is absent is
     * null. Other members ({@code application}, {@code tenant}, {@code org_unit}, {@code group}) are read
     * for well-formedness and otherwise ignored: they narrow no revocation Portcullis makes.
     */
    record Complex(SubjectId user, SubjectId session, SubjectId device) implements SubjectId {
        @Override
        public String format() {
            return "complex";
        }
    }
}
