package io.portcullis.identity;

/** Why a token was refused. {@link #code()} is what logs, metrics and error bodies carry. */
public enum AuthFailure {
    TOKEN_MALFORMED("token-malformed"),
    TOKEN_TYPE_NOT_ALLOWED("token-type-not-allowed"),
    ALGORITHM_NOT_ALLOWED("token-algorithm-not-allowed"),
    ISSUER_UNKNOWN("token-issuer-unknown"),
    DEVICE_ISSUER_AS_IDENTITY("token-from-device-issuer"),
    SIGNATURE_INVALID("token-signature-invalid"),
    KEY_NOT_FOUND("token-key-unknown"),
    KEYS_UNAVAILABLE("issuer-keys-unavailable"),
    EXPIRED("token-expired"),
    NOT_YET_VALID("token-not-yet-valid"),
    AUDIENCE_INVALID("token-audience-invalid"),
    CLAIMS_INVALID("token-claims-invalid"),
    CRIT_UNSUPPORTED("token-crit-unsupported"),
    TOO_LARGE("token-too-large"),
    /** The issuer's introspection endpoint says the opaque token is not active. */
    TOKEN_INACTIVE("token-inactive"),
    /** No introspection endpoint could be asked about an opaque token. */
    INTROSPECTION_UNAVAILABLE("introspection-unavailable"),
    /** Valid, but revoked since it was issued (by {@code jti}, {@code sid}, or its subject). */
    TOKEN_REVOKED("token-revoked");

    private final String code;

    AuthFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
