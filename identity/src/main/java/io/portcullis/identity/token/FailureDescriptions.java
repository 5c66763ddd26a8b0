package io.portcullis.identity.token;

import io.portcullis.identity.AuthFailure;

/** Client-safe wording for each refusal: says what is wrong, never echoes token content. */
final class FailureDescriptions {

    private FailureDescriptions() {
    }

    static String describe(AuthFailure reason) {
        return switch (reason) {
            case TOKEN_MALFORMED -> "the token is not a well-formed signed JWT";
            case TOKEN_TYPE_NOT_ALLOWED -> "the token type is not accepted";
            case ALGORITHM_NOT_ALLOWED -> "the token signing algorithm is not accepted";
            case ISSUER_UNKNOWN -> "the token issuer is not trusted";
            case DEVICE_ISSUER_AS_IDENTITY -> "the token issuer may not vouch for users";
            case SIGNATURE_INVALID -> "the token signature is invalid";
            case KEY_NOT_FOUND -> "the token signing key is unknown";
            case KEYS_UNAVAILABLE -> "the issuer's signing keys are unavailable";
            case EXPIRED -> "the token has expired";
            case NOT_YET_VALID -> "the token is not valid yet";
            case AUDIENCE_INVALID -> "the token is not meant for this service";
            case CLAIMS_INVALID -> "the token lacks required claims";
            case CRIT_UNSUPPORTED -> "the token requires unsupported extensions";
            case TOO_LARGE -> "the token is too large";
            case TOKEN_INACTIVE -> "the token is not active";
            case INTROSPECTION_UNAVAILABLE -> "the token could not be checked with its issuer";
            case TOKEN_REVOKED -> "the token has been revoked";
        };
    }
}
