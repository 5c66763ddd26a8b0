package io.portcullis.identity.revocation;

import io.portcullis.identity.Identity;
import java.time.Instant;

/**
 * Applies revocations to a verified bearer token: refused when its {@code jti} or its {@code sid} is
 * revoked, or its subject was revoked at or after the token's {@code iat}. A token without {@code iat}
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
        if (revocations.noneOf(Revocation.Kind.SUBJECT)) {
            return false;
        }
        Instant subjectRevoked = revocations.revokedAt(Revocation.Kind.SUBJECT, issuerId, identity.subject());
        if (subjectRevoked == null) {
            return false;
        }
        Instant issuedAt = identity.claims().get("iat") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        return issuedAt == null || !issuedAt.isAfter(subjectRevoked);
    }
}
