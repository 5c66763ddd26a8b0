package io.portcullis.identity.oidc;

import java.net.URI;

/**
 * A login just started: where to send the browser, and the sealed state it must carry back.
 *
 * @param authorizationUri the issuer's authorization URL with all parameters
 * @param state            the login state (its {@code state} names the state cookie)
 * @param sealedState      the value of the state cookie
 */
public record LoginStart(URI authorizationUri, LoginState state, String sealedState) {

    @Override
    public String toString() {
        return "LoginStart[" + authorizationUri.getHost() + "]";
    }
}
