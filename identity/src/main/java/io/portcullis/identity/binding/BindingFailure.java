package io.portcullis.identity.binding;

/**
 * Why a token's binding was not proven. {@link #code()} is what logs, metrics and the decision line
 * carry; {@link #description()} is safe to show a client (it never echoes proof or token content);
 * {@link #error()} is the OAuth error code of the challenge, null when the fault is ours.
 */
public enum BindingFailure {
    DPOP_PROOF_MISSING("dpop-proof-missing", Error.INVALID_DPOP_PROOF, "a DPoP proof is required"),
    DPOP_PROOF_INVALID("dpop-proof-invalid", Error.INVALID_DPOP_PROOF, "the DPoP proof is malformed"),
    DPOP_ALGORITHM_NOT_ALLOWED("dpop-algorithm-not-allowed", Error.INVALID_DPOP_PROOF,
            "the DPoP proof algorithm is not accepted"),
    DPOP_KEY_INVALID("dpop-key-invalid", Error.INVALID_DPOP_PROOF,
            "the DPoP proof must carry a public key that fits its algorithm"),
    DPOP_SIGNATURE_INVALID("dpop-signature-invalid", Error.INVALID_DPOP_PROOF, "the DPoP proof signature is invalid"),
    DPOP_HTM_MISMATCH("dpop-htm-mismatch", Error.INVALID_DPOP_PROOF, "the DPoP proof is for another method"),
    DPOP_HTU_MISMATCH("dpop-htu-mismatch", Error.INVALID_DPOP_PROOF, "the DPoP proof is for another URI"),
    DPOP_ATH_MISMATCH("dpop-ath-mismatch", Error.INVALID_DPOP_PROOF, "the DPoP proof does not hash this access token"),
    DPOP_STALE("dpop-stale", Error.INVALID_DPOP_PROOF, "the DPoP proof is too old"),
    DPOP_FUTURE("dpop-future", Error.INVALID_DPOP_PROOF, "the DPoP proof is issued in the future"),
    DPOP_REPLAYED("dpop-replayed", Error.INVALID_DPOP_PROOF, "the DPoP proof was used before"),
    DPOP_NONCE_REQUIRED("dpop-nonce-required", Error.USE_DPOP_NONCE, "the DPoP proof must carry the server nonce"),
    DPOP_NONCE_INVALID("dpop-nonce-invalid", Error.USE_DPOP_NONCE, "the DPoP proof nonce is not current"),
    DPOP_KEY_MISMATCH("dpop-key-mismatch", Error.INVALID_TOKEN, "the access token is bound to another key"),
    DPOP_TOKEN_NOT_BOUND("dpop-token-not-bound", Error.INVALID_TOKEN, "the access token is not bound to a DPoP key"),
    DPOP_REPLAY_CHECK_UNAVAILABLE("dpop-replay-check-unavailable", null, "the DPoP proof could not be checked"),
    TOKEN_NOT_BOUND("token-not-bound", Error.INVALID_TOKEN, "the access token must be sender-constrained"),
    BOUND_TOKEN_AS_BEARER("bound-token-as-bearer", Error.INVALID_TOKEN,
            "the access token is bound to a key: present it with the DPoP scheme and a proof"),
    TOKEN_BINDING_UNSUPPORTED("token-binding-unsupported", Error.INVALID_TOKEN,
            "the access token is bound by a method this service cannot check"),
    CLIENT_CERT_MISSING("client-cert-missing", Error.INVALID_TOKEN,
            "the access token is bound to a client certificate, and none was presented"),
    CERT_THUMBPRINT_MISMATCH("cert-thumbprint-mismatch", Error.INVALID_TOKEN,
            "the access token is bound to another client certificate");

    private final String code;
    private final String error;
    private final String description;

    BindingFailure(String code, String error, String description) {
        this.code = code;
        this.error = error;
        this.description = description;
    }

    public String code() {
        return code;
    }

    /** {@code invalid_dpop_proof}, {@code use_dpop_nonce} or {@code invalid_token}; null when the fault is ours. */
    public String error() {
        return error;
    }

    public String description() {
        return description;
    }

    /** The OAuth error codes (RFC 6750 §3.1, RFC 9449 §7.1 and §8). */
    static final class Error {
        static final String INVALID_DPOP_PROOF = "invalid_dpop_proof";
        static final String USE_DPOP_NONCE = "use_dpop_nonce";
        static final String INVALID_TOKEN = "invalid_token";

        private Error() {
        }
    }
}
