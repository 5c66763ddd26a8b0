package io.portcullis.identity.events;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Claim checks once the signature is verified: {@code aud} names us; {@code iat} present, not in the
 * future and not older than the transmitter's {@code max_age} (a SET need not expire, RFC 8417 §2.2, so
 * the age bounds how long its {@code jti} must be remembered); {@code exp}, when present, not past;
 * {@code jti} present. The issuer was checked before the signature.
 */
final class SetClaimsRules {

    /** A {@code jti} longer than this is not an identifier but a payload. */
    static final int MAX_JTI_CHARS = 256;

    private SetClaimsRules() {
    }

    /** The first rule the claims break, or null. */
    static SetFailure check(JWTClaimsSet claims, TransmitterTrust trust, Instant now) {
        // A JSON null in the array matches nothing (the configured list cannot hold one).
        if (claims.getAudience().stream().noneMatch(a -> a != null && trust.audiences().contains(a))) {
            return SetFailure.AUDIENCE_INVALID;
        }
        String jti = claims.getJWTID();
        Date iat = claims.getIssueTime();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_CHARS || iat == null) {
            return SetFailure.CLAIMS_INVALID;
        }
        Duration skew = trust.clockSkew();
        Instant issued = iat.toInstant();
        if (issued.isAfter(now.plus(skew))) {
            return SetFailure.ISSUED_IN_FUTURE;
        }
        if (issued.isBefore(now.minus(trust.maxAge()).minus(skew))) {
            return SetFailure.TOO_OLD;
        }
        Date exp = claims.getExpirationTime();
        if (exp != null && !now.isBefore(exp.toInstant().plus(skew))) {
            return SetFailure.EXPIRED;
        }
        return null;
    }
}
