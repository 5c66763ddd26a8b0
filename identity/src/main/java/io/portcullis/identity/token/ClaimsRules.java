package io.portcullis.identity.token;

import com.nimbusds.jwt.JWTClaimsSet;
import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.AuthFailure;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Claim checks after the signature is verified: {@code exp} required and in the future, {@code nbf}
 * and {@code iat} not in the future, all within the issuer's clock skew; {@code aud} contains one of the
 * issuer's audiences; {@code sub} present.
 */
final class ClaimsRules {

    private ClaimsRules() {
    }

    /** The first rule the claims break, or null. */
    static AuthFailure check(JWTClaimsSet claims, IssuerConfig issuer, Instant now) {
        Duration skew = issuer.clockSkew() == null ? Duration.ZERO : issuer.clockSkew();
        try {
            Date exp = claims.getExpirationTime();
            if (exp == null) {
                return AuthFailure.CLAIMS_INVALID;
            }
            if (!now.isBefore(exp.toInstant().plus(skew))) {
                return AuthFailure.EXPIRED;
            }
            Instant latestAcceptable = now.plus(skew);
            Date nbf = claims.getNotBeforeTime();
            if (nbf != null && nbf.toInstant().isAfter(latestAcceptable)) {
                return AuthFailure.NOT_YET_VALID;
            }
            Date iat = claims.getIssueTime();
            if (iat != null && iat.toInstant().isAfter(latestAcceptable)) {
                return AuthFailure.NOT_YET_VALID;
            }
            List<String> audience = claims.getAudience();
            if (audience.stream().noneMatch(issuer.audiences()::contains)) {
                return AuthFailure.AUDIENCE_INVALID;
            }
            String subject = claims.getStringClaim("sub");
            if (subject == null || subject.isBlank()) {
                return AuthFailure.CLAIMS_INVALID;
            }
            return null;
        } catch (ParseException e) {
            return AuthFailure.CLAIMS_INVALID;
        }
    }
}
