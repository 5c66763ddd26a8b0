/**
 * Browser single sign-on with one OpenID provider: the authorization code flow with PKCE and state,
 * ID token and logout token checks, the encrypted session cookie and its keys, refresh, RP-
 * initiated and back-channel logout (ended sessions recorded through identity/revocation), and
 * step-up requests. May import Nimbus (JOSE and OAuth SDK), the config module and the JDK HTTP
 * client; never Netty.
 */
package io.portcullis.identity.oidc;
