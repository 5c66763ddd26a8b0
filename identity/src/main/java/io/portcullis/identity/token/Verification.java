package io.portcullis.identity.token;

import io.portcullis.identity.AuthFailure;

/** The outcome of running a token through every JOSE and claim check for one role. */
public sealed interface Verification {

    /** Signature and claims are valid for {@code issuer}. */
    record Verified(TrustedIssuer issuer, TokenClaims claims) implements Verification {
    }

    /** Refused; {@code description} is safe to show a client. */
    record Refused(AuthFailure reason, String description) implements Verification {

        public static Refused of(AuthFailure reason) {
            return new Refused(reason, FailureDescriptions.describe(reason));
        }
    }
}
