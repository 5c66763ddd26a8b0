package io.portcullis.identity.revocation;

import io.portcullis.identity.Identity;
import java.time.Instant;

/**
 * Applies revocations to a verified bearer token: refused when its {@code jti} or its {@code sid} is
 * revoked, or its subject (or verified email) was revoked at or after the token's {@code iat}. A token without {@code iat}
 * whose subject is revoked is refused too: unknown never allows. Runs after authentication on every
 * request (a cached verification included), from memory only.
 */
public final class TokenRevocationCheck {

    /** The reason code in logs and the 401's {@code error_description}. */
    public static final String REASON = "token-revoked";

    private TokenRevocationCheck() {
    }

    /** True when the token is revoked. */
    public static boolean revoked(Revocations revocations, Identity identity) {
        String issuerId = identity.issuerId();
        if (!revocations.noneOf(Revocation.Kind.JTI) && identity.claims().get("jti") instanceof String jti
                && revocations.revokedAt(Revocation.Kind.JTI, issuerId, jti) != null) {
            return true;
        }
        if (!revocations.noneOf(Revocation.Kind.SID) && identity.claims().get("sid") instanceof String sid
                && revocations.revokedAt(Revocation.Kind.SID, issuerId, sid) != null) {
            return true;
        }
        Instant subjectRevoked = revocations.noneOf(Revocation.Kind.SUBJECT) ? null
                : revocations.revokedAt(Revocation.Kind.SUBJECT, issuerId, identity.subject());
        Instant emailRevoked = emailRevokedAt(revocations, issuerId, identity.claims());
        if (subjectRevoked == null && emailRevoked == null) {
            return false;
        }
        Instant issuedAt = identity.claims().get("iat") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        return issuedAt == null || revokedSince(subjectRevoked, issuedAt) || revokedSince(emailRevoked, issuedAt);
    }

    /** When the verified email of {@code claims} was revoked at {@code issuerId}, or null. */
    static Instant emailRevokedAt(Revocations revocations, String issuerId, java.util.Map<String, Object> claims) {
        if (revocations.noneOf(Revocation.Kind.EMAIL)) {
            return null;
        }
        String email = verifiedEmail(claims);
        return email == null ? null : revocations.revokedAt(Revocation.Kind.EMAIL, issuerId, email);
    }

    /**
     * The {@code email} claim as revocations key it (lower-cased), or null when absent or marked
     * {@code email_verified: false}: an unverified address names nobody for sure.
     */
    public static String verifiedEmail(java.util.Map<String, Object> claims) {
        if (!(claims.get("email") instanceof String email) || Boolean.FALSE.equals(claims.get("email_verified"))) {
            return null;
        }
        return email.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean revokedSince(Instant revoked, Instant issuedAt) {
        return revoked != null && !issuedAt.isAfter(revoked);
    }
}
