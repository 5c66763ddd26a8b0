package io.portcullis.identity;

/** The outcome of validating an identity token. */
public sealed interface AuthResult {

    /** The token is valid and came from an identity issuer. */
    record Authenticated(Identity identity) implements AuthResult {
    }

    /**
     * The token was refused. {@code reason} is a stable code for logs and metrics
     * (see {@link AuthFailure}); {@code description} is safe to show a client (no token content).
     */
    record Rejected(AuthFailure reason, String description) implements AuthResult {
    }
}
