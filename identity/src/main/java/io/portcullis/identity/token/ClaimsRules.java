package io.portcullis.identity.token;

import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.AuthFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Claim checks after the signature is verified: {@code exp} required and in the future, {@code nbf}
 * and {@code iat} not in the future, all within the issuer's clock skew; {@code aud} contains one of the
 * issuer's audiences; {@code sub} present. Claims of the wrong type never get here: {@link TokenClaims}
 * refuses them as a malformed payload.
 */
final class ClaimsRules {

    private ClaimsRules() {
    }

    /** The first rule the claims break, or null. */
    static AuthFailure check(TokenClaims claims, IssuerConfig issuer, Instant now) {
        Duration skew = issuer.clockSkew() == null ? Duration.ZERO : issuer.clockSkew();
        Instant exp = claims.expiresAt();
        if (exp == null) {
            return AuthFailure.CLAIMS_INVALID;
        }
        if (!now.isBefore(exp.plus(skew))) {
            return AuthFailure.EXPIRED;
        }
        Instant latestAcceptable = now.plus(skew);
        Instant nbf = claims.notBefore();
        if (nbf != null && nbf.isAfter(latestAcceptable)) {
            return AuthFailure.NOT_YET_VALID;
        }
        Instant iat = claims.issuedAt();
        if (iat != null && iat.isAfter(latestAcceptable)) {
            return AuthFailure.NOT_YET_VALID;
        }
        if (!containsAny(claims.audience(), issuer.audiences())) {
            return AuthFailure.AUDIENCE_INVALID;
        }
        String subject = claims.subject();
        if (subject == null || subject.isBlank()) {
            return AuthFailure.CLAIMS_INVALID;
        }
        return null;
    }

    private static boolean containsAny(List<String> audience, List<String> accepted) {
        for (String value : audience) {
            // A JSON null in the array matches nothing (the configured list cannot hold one).
            if (value != null && accepted.contains(value)) {
                return true;
            }
        }
        return false;
    }
}
