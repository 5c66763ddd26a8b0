package io.portcullis.identity.revocation;

import java.time.Instant;
import java.util.Objects;

/**
 * One revocation: a session, an issuer session ({@code sid}), a token ({@code jti}), every
 * credential of a subject issued at or before {@code at}, or a device's compliance asserted before {@code at}.
 *
 * @param kind     what {@code value} names
 * @param issuerId the config id of the issuer whose {@code sid}/{@code jti}/{@code sub} it is; empty for
 *                 {@link Kind#SESSION} (our own session ids are unique on their own) and {@link Kind#DEVICE}
 * @param value    the session id, {@code sid}, {@code jti} or {@code sub}
 * @param at       when it was revoked: for {@link Kind#SUBJECT}, credentials issued at or before it end
 * @param until    when it may be forgotten (no credential it ends can still be valid then)
 */
public record Revocation(Kind kind, String issuerId, String value, Instant at, Instant until) {

    /** What a revocation names. The code is part of the shared store's format: never rename one. */
    public enum Kind {
        /** One of our own SSO sessions (local logout). */
        SESSION("session"),
        /** An issuer session: every SSO session and token carrying that {@code sid}. */
        SID("sid"),
        /** One token, by its {@code jti}. */
        JTI("jti"),
        /** Everything of a subject issued at or before the revocation (back-channel logout by {@code sub}). */
        SUBJECT("sub"),
        /**
         * A device out of compliance (a CAEP event): its posture issued at or before {@code at} counts as
         * not compliant. {@code issuerId} is empty: a device id is matched whoever vouches for it.
         */
        DEVICE("device"),
        /**
         * Everything of a user named by email (RFC 9493 {@code email} subject) issued at or before the
         * revocation: matched against a token's or session's {@code email} claim, lower-cased, unless
         * the issuer said it is not verified ({@code email_verified: false}).
         */
        EMAIL("email");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** The kind of a code, or null when unknown (an entry written by a newer version). */
        public static Kind ofCode(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            return null;
        }
    }

    public Revocation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(until, "until");
        issuerId = issuerId == null ? "" : issuerId;
    }

    /** Identifies what is revoked, independent of when: the same key revoked twice is one entry. */
    public String key() {
        return key(kind, issuerId, value);
    }

    /** The key of a lookup; the separators cannot occur in a config id. */
    public static String key(Kind kind, String issuerId, String value) {
        return kind.code + '\u001f' + (issuerId == null ? "" : issuerId) + '\u001f' + value;
    }
}
