package io.portcullis.identity;

/** The outcome of validating an identity token. */
public sealed interface AuthResult {

    /**
     * The token is valid and came from an identity issuer.
     *
     * @param claimPosture the device posture of the identity's own posture claim, resolved once when the
     *                     token was verified (a cached token shares it); null when not resolved yet
     */
    record Authenticated(Identity identity, PostureResult claimPosture) implements AuthResult {

        /** An identity whose claim posture is resolved when asked for. */
        public Authenticated(Identity identity) {
            this(identity, null);
        }
    }

    /**
     * The token was refused. {@code reason} is a stable code for logs and metrics
     * (see {@link AuthFailure}); {@code description} is safe to show a client (no token content).
     */
    record Rejected(AuthFailure reason, String description) implements AuthResult {
    }
}
