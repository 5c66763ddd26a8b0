package io.portcullis.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import java.text.ParseException;
import java.util.concurrent.CompletableFuture;

/**
 * Validates a back-channel logout token (OIDC Back-Channel Logout §2.6): signed by the issuer,
 * {@code iss} exact, {@code aud} our client id, the back-channel logout {@code events} claim, a
 * {@code sid} or {@code sub}, and no {@code nonce} (so an ID token can never pass as one).
 */
final class LogoutTokenCheck {

    private final Issuer issuer;
    private final ClientID clientId;
    private final IssuerKeys keys;

    LogoutTokenCheck(String issuer, String clientId, IssuerKeys keys) {
        this.issuer = new Issuer(issuer);
        this.clientId = new ClientID(clientId);
        this.keys = keys;
    }

    CompletableFuture<LogoutTokenClaimsSet> check(String token) {
        JWT jwt;
        try {
            jwt = token == null || token.length() > 16 * 1024 ? null : JWTParser.parse(token);
        } catch (ParseException e) {
            jwt = null;
        }
        if (jwt == null) {
            return CompletableFuture.failedFuture(new OidcException("logout-token-malformed"));
        }
        JWT parsed = jwt;
        return keys.validate(selector -> {
            // Keycloak types its logout tokens "JWT", not "logout+jwt": accept both, as the spec allows.
            LogoutTokenValidator validator = new LogoutTokenValidator(issuer, clientId, false, selector, null);
            try {
                return validator.validate(parsed);
            } catch (BadJOSEException e) {
                if (String.valueOf(e.getMessage()).contains("no matching key")) {
                    throw new IssuerKeys.UnknownKey();
                }
                throw new OidcException("logout-token-invalid");
            } catch (JOSEException e) {
                throw new OidcException("logout-token-invalid");
            }
        }, "logout-token-invalid");
    }
}
