package io.portcullis.identity.oidc;

import io.portcullis.identity.Identity;
import java.time.Instant;
import java.util.Map;

/**
 * A browser session, as held (sealed) in the session cookie.
 *
 * @param id              our own random id, new at every login (so a session can never be fixated)
 * @param issuerId        config id of the issuer the user signed in at
 * @param issuer          that issuer's {@code iss}
 * @param subject         the user's {@code sub}
 * @param claims          the ID token's claims the policies and headers may use (protocol claims left out)
 * @param idpSessionId    the issuer's {@code sid}, for back-channel logout (null when it sent none)
 * @param refreshToken    the refresh token (null when the issuer issued none)
 * @param accessExpiresAt when the access token expires: the session is refreshed before then
 * @param stepUp          whether the login was a step-up (a challenge right after one is not
 *                        answered with yet another login)
 * @param createdAt       when the user signed in (a back-channel logout by {@code sub} ends sessions
 *                        created before it)
 * @param expiresAt       when the session ends, refreshes notwithstanding
 * @param idToken         the issuer's latest ID token for this session, kept only to send as
 *                        {@code id_token_hint} at RP-initiated logout (null when none was kept, as
 *                        for a token over 4 KB)
 */
public record Session(
        String id,
        String issuerId,
        String issuer,
        String subject,
        Map<String, Object> claims,
        String idpSessionId,
        String refreshToken,
        Instant accessExpiresAt,
        boolean stepUp,
        Instant createdAt,
        Instant expiresAt,
        String idToken) {

    public Session {
        claims = Map.copyOf(claims);
    }

    /** A session without a kept ID token. */
    public Session(String id, String issuerId, String issuer, String subject, Map<String, Object> claims,
                   String idpSessionId, String refreshToken, Instant accessExpiresAt, boolean stepUp,
                   Instant createdAt, Instant expiresAt) {
        this(id, issuerId, issuer, subject, claims, idpSessionId, refreshToken, accessExpiresAt, stepUp, createdAt,
                expiresAt, null);
    }

    /** The identity this session stands for, as the policy stage sees bearer identities. */
    public Identity identity() {
        return new Identity(issuerId, issuer, subject, claims, expiresAt, "session:" + id.substring(0, Math.min(12, id.length())));
    }

    /** This session after a refresh: new claims (when the issuer sent an ID token), tokens and expiry. */
    public Session refreshed(Map<String, Object> newClaims, String newRefreshToken, Instant newAccessExpiresAt) {
        return refreshed(newClaims, newRefreshToken, newAccessExpiresAt, null);
    }

    /** As above, with the refresh's ID token to keep as the logout hint (null keeps the current one). */
    public Session refreshed(Map<String, Object> newClaims, String newRefreshToken, Instant newAccessExpiresAt,
                             String newIdToken) {
        return new Session(id, issuerId, issuer, subject, newClaims == null ? claims : newClaims, idpSessionId,
                newRefreshToken == null ? refreshToken : newRefreshToken, newAccessExpiresAt, stepUp, createdAt, expiresAt,
                newIdToken == null ? idToken : newIdToken);
    }

    @Override
    public String toString() {
        // Never print the refresh token or the ID token.
        return "Session[" + id + ", issuer=" + issuerId + ", sub=" + subject + ", expires=" + expiresAt + "]";
    }
}
