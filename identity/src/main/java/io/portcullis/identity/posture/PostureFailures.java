package io.portcullis.identity.posture;

import io.portcullis.identity.AuthFailure;

/** Maps a refused posture token to its {@code posture-*} reason code. */
final class PostureFailures {

    private PostureFailures() {
    }

    static String code(AuthFailure failure) {
        return switch (failure) {
            case ISSUER_UNKNOWN, DEVICE_ISSUER_AS_IDENTITY -> "posture-issuer-not-device";
            case TOKEN_MALFORMED -> "posture-malformed";
            case TOKEN_TYPE_NOT_ALLOWED -> "posture-type-not-allowed";
            case ALGORITHM_NOT_ALLOWED -> "posture-algorithm-not-allowed";
            case SIGNATURE_INVALID -> "posture-signature-invalid";
            case KEY_NOT_FOUND -> "posture-key-unknown";
            case KEYS_UNAVAILABLE -> "posture-keys-unavailable";
            case EXPIRED -> "posture-expired";
            case NOT_YET_VALID -> "posture-not-yet-valid";
            case AUDIENCE_INVALID -> "posture-audience-invalid";
            case CLAIMS_INVALID -> "posture-claims-invalid";
            case CRIT_UNSUPPORTED -> "posture-crit-unsupported";
            case TOO_LARGE -> "posture-too-large";
            case TOKEN_INACTIVE, INTROSPECTION_UNAVAILABLE -> "posture-malformed";
            case TOKEN_REVOKED -> "posture-revoked";
        };
    }
}
