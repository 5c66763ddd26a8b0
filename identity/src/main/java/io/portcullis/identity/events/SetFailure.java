package io.portcullis.identity.events;

/**
 * Why a SET was refused, with the RFC 8935 §2.4 error code a push answer carries (RFC 8936 §2.4.4
 * uses the same codes in {@code setErrs}) and a fixed description that never repeats the SET.
 * {@link #temporary()} failures are ours, not the SET's: the transmitter should deliver it again later,
 * so they are never answered with a 400 or a {@code setErrs} entry.
 */
public enum SetFailure {

    TOO_LARGE("invalid_request", "the SET is larger than this receiver accepts"),
    CONTENT_TYPE("invalid_request", "the content type must be application/secevent+jwt"),
    MALFORMED("invalid_request", "the SET is not a well-formed signed JWT"),
    TYPE_NOT_ALLOWED("invalid_request", "the SET's typ header must be secevent+jwt"),
    CRIT_UNSUPPORTED("invalid_request", "the SET has critical header parameters this receiver does not implement"),
    ALGORITHM_NOT_ALLOWED("invalid_key", "the SET's signing algorithm is not accepted from this transmitter"),
    KEY_NOT_FOUND("invalid_key", "no key of the transmitter's JWKS matches the SET"),
    SIGNATURE_INVALID("invalid_key", "the SET's signature does not verify with the transmitter's keys"),
    ISSUER_INVALID("invalid_issuer", "the SET's iss is not this transmitter's issuer"),
    AUDIENCE_INVALID("invalid_audience", "the SET's aud does not name this receiver"),
    EXPIRED("invalid_request", "the SET has expired"),
    ISSUED_IN_FUTURE("invalid_request", "the SET's iat is in the future"),
    TOO_OLD("invalid_request", "the SET was issued too long ago"),
    CLAIMS_INVALID("invalid_request", "the SET lacks jti or iat, or one of its claims has the wrong type"),
    EVENTS_INVALID("invalid_request", "the SET's events claim is missing, empty or not an object of objects"),
    EVENT_INVALID("invalid_request", "an event lacks a member its type requires, or has one of the wrong type"),
    SUBJECT_INVALID("invalid_request", "the SET's subject identifier is malformed"),
    SUBJECT_FORMAT_UNKNOWN("invalid_request", "the SET's subject identifier has an unknown format"),
    SUBJECT_MISSING("invalid_request", "the event names no subject"),
    DUPLICATE("invalid_request", "a SET with this jti was already received"),
    AUTHENTICATION_FAILED("authentication_failed", "the request does not carry this stream's authorization"),
    ACCESS_DENIED("access_denied", "this transmitter does not deliver by push here"),
    KEYS_UNAVAILABLE(null, "the transmitter's keys could not be loaded; deliver again later"),
    REPLAY_UNKNOWN(null, "the replay store cannot be reached; deliver again later"),
    ACTION_FAILED(null, "the event could not be recorded; deliver again later");

    private final String errorCode;
    private final String description;

    SetFailure(String errorCode, String description) {
        this.errorCode = errorCode;
        this.description = description;
    }

    /** The RFC 8935 {@code err} value; null for {@link #temporary()} failures. */
    public String errorCode() {
        return errorCode;
    }

    public String description() {
        return description;
    }

    /** True when the SET may be fine and the transmitter should deliver it again. */
    public boolean temporary() {
        return errorCode == null;
    }

    /** A stable lower-case label for metrics and logs, e.g. {@code signature-invalid}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
