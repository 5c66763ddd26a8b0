package io.portcullis.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Validates an ID token (OIDC Core §3.1.3.7): signed by the issuer with an allowed algorithm and one
 * of its JWKS keys, {@code iss} exact, {@code aud} containing our client id, {@code exp}/{@code iat}
 * within the clock skew, and {@code nonce} equal to the one this login sent. A refreshed ID token
 * carries no nonce and is checked with {@code nonce == null}.
 */
final class IdTokenCheck {

    private final Issuer issuer;
    private final ClientID clientId;
    private final IssuerKeys keys;
    private final int skewSeconds;

    IdTokenCheck(String issuer, String clientId, IssuerKeys keys, Duration skew) {
        this.issuer = new Issuer(issuer);
        this.clientId = new ClientID(clientId);
        this.keys = keys;
        this.skewSeconds = (int) Math.min(Integer.MAX_VALUE, skew.getSeconds());
    }

    /** The validated claims; fails with {@link OidcException} {@code id-token-invalid} otherwise. */
    CompletableFuture<JWTClaimsSet> check(JWT idToken, String expectedNonce) {
        if (idToken == null) {
            return CompletableFuture.failedFuture(new OidcException("id-token-missing"));
        }
        return keys.validate(selector -> {
            IDTokenValidator validator = new IDTokenValidator(issuer, clientId, selector, null);
            validator.setMaxClockSkew(skewSeconds);
            try {
                return validator.validate(idToken, expectedNonce == null ? null : new Nonce(expectedNonce)).toJWTClaimsSet();
            } catch (BadJOSEException e) {
                if (String.valueOf(e.getMessage()).contains("no matching key")) {
                    throw new IssuerKeys.UnknownKey();
                }
                throw new OidcException("id-token-invalid");
            } catch (JOSEException | com.nimbusds.oauth2.sdk.ParseException e) {
                throw new OidcException("id-token-invalid");
            }
        }, "id-token-invalid");
    }
}
