package io.portcullis.identity.oidc;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.portcullis.config.OidcClientConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The relying-party side of the OIDC authorization-code flow at one issuer: builds the authorization
 * request (PKCE S256, state, nonce), exchanges a code, refreshes, and finds the logout endpoint. The
 * Nimbus OAuth SDK builds and parses the messages; the client secret goes only to the token endpoint.
 */
public final class OidcClient {

    /** Used when the token endpoint does not say how long the access token lives. */
    static final long DEFAULT_ACCESS_LIFETIME_SECONDS = 300;

    private final OidcClientConfig client;
    private final URI redirectUri;
    private final ProviderMetadataSource metadata;
    private final NimbusHttp http;
    private final Clock clock;

    OidcClient(OidcClientConfig client, URI redirectUri, ProviderMetadataSource metadata, NimbusHttp http, Clock clock) {
        this.client = client;
        this.redirectUri = redirectUri;
        this.metadata = metadata;
        this.http = http;
        this.clock = clock;
    }

    public String clientId() {
        return client.clientId();
    }

    /** The URL to send the browser to, for this login attempt. */
    public CompletableFuture<URI> authorizationUri(LoginState login, StepUp stepUp) {
        return metadata.get().thenApply(op -> {
            AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                    new Scope(client.scopes().toArray(new String[0])), new ClientID(client.clientId()), redirectUri)
                    .endpointURI(op.getAuthorizationEndpointURI())
                    .state(new State(login.state()))
                    .nonce(new Nonce(login.nonce()))
                    .codeChallenge(new CodeVerifier(login.codeVerifier()), CodeChallengeMethod.S256);
            if (stepUp.promptLogin()) {
                request.prompt(new Prompt(Prompt.Type.LOGIN));
            }
            if (stepUp.maxAgeSeconds() != null) {
                request.maxAge((int) Math.min(Integer.MAX_VALUE, stepUp.maxAgeSeconds()));
            }
            if (!stepUp.acrValues().isEmpty()) {
                request.acrValues(stepUp.acrValues().stream().map(ACR::new).toList());
            }
            return request.build().toURI();
        });
    }

    /** Exchanges the authorization code (with the PKCE verifier) for tokens. */
    public CompletableFuture<TokenSet> exchange(String code, String codeVerifier) {
        return tokenRequest(new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri,
                new CodeVerifier(codeVerifier)), "token-exchange-failed");
    }

    /** Uses the refresh token; fails when the issuer refuses it or cannot be reached. */
    public CompletableFuture<TokenSet> refresh(String refreshToken) {
        return tokenRequest(new RefreshTokenGrant(new RefreshToken(refreshToken)), "refresh-failed");
    }

    /** The issuer's {@code end_session_endpoint}, or null when it has none. */
    public CompletableFuture<URI> endSessionEndpoint() {
        return metadata.get().thenApply(OIDCProviderMetadata::getEndSessionEndpointURI);
    }

    CompletableFuture<OIDCProviderMetadata> metadata() {
        return metadata.get();
    }

    private CompletableFuture<TokenSet> tokenRequest(AuthorizationGrant grant, String failure) {
        return metadata.get().thenCompose(op -> {
            TokenRequest request = client.secret() == null
                    ? new TokenRequest(op.getTokenEndpointURI(), new ClientID(client.clientId()), grant)
                    : new TokenRequest(op.getTokenEndpointURI(),
                            new ClientSecretBasic(new ClientID(client.clientId()), new Secret(client.secret().value())),
                            grant);
            return http.send(request.toHTTPRequest());
        }).thenApply(response -> parse(response, failure));
    }

    private TokenSet parse(HTTPResponse response, String failure) {
        TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(response);
        } catch (ParseException e) {
            throw new OidcException(failure);
        }
        if (!parsed.indicatesSuccess()) {
            throw new OidcException(failure);
        }
        Tokens tokens = parsed.toSuccessResponse().getTokens();
        long lifetime = tokens.getAccessToken().getLifetime() > 0 ? tokens.getAccessToken().getLifetime()
                : DEFAULT_ACCESS_LIFETIME_SECONDS;
        Instant accessExpiresAt = clock.instant().plusSeconds(lifetime);
        RefreshToken refresh = tokens.getRefreshToken();
        return new TokenSet(parsed instanceof OIDCTokenResponse oidc ? oidc.getOIDCTokens().getIDToken() : null,
                refresh == null ? null : refresh.getValue(), accessExpiresAt);
    }
}
