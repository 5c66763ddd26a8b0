package io.portcullis.identity.oidc;

import java.time.Instant;

/**
 * What the browser carries (sealed, in a short-lived cookie) between the redirect to the issuer and
 * the callback: it binds the callback to the browser that started the login.
 *
 * @param state        the OAuth {@code state} sent to the issuer
 * @param nonce        the OIDC {@code nonce} the ID token must echo
 * @param codeVerifier the PKCE verifier
 * @param returnTo     the same-origin path to go back to after login
 * @param stepUp       whether this login was started to meet a policy's {@code require}
 * @param expiresAt    when this login attempt expires
 */
public record LoginState(String state, String nonce, String codeVerifier, String returnTo, boolean stepUp,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "LoginState[returnTo=" + returnTo + ", expires=" + expiresAt + "]";
    }
}
