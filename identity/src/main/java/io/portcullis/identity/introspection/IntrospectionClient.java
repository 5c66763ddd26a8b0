package io.portcullis.identity.introspection;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.Identity;
import io.portcullis.identity.cache.TokenDigest;
import io.portcullis.identity.oidc.NimbusHttp;
import io.portcullis.identity.oidc.OidcException;
import io.portcullis.identity.token.PlainClaims;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks one issuer's RFC 7662 endpoint about a token, authenticating as our client
 * ({@code client_secret_basic}). An active answer still has to name this issuer (when it names
 * one), be unexpired, carry a {@code sub}, and name one of the issuer's audiences when it names any;
 * otherwise it counts as inactive.
 */
public final class IntrospectionClient {

    private final IssuerConfig issuer;
    private final NimbusHttp http;
    private final Clock clock;

    public IntrospectionClient(IssuerConfig issuer, NimbusHttp http, Clock clock) {
        if (issuer.client() == null || issuer.client().secret() == null || issuer.introspection() == null) {
            throw new IllegalArgumentException("issuer " + issuer.id() + ": introspection needs a client with a secret");
        }
        this.issuer = issuer;
        this.http = http;
        this.clock = clock;
    }

    public CompletableFuture<IntrospectionOutcome> introspect(URI endpoint, String token) {
        TokenIntrospectionRequest request = new TokenIntrospectionRequest(endpoint,
                new ClientSecretBasic(new ClientID(issuer.client().clientId()),
                        new Secret(issuer.client().secret().value())),
                new TypelessAccessToken(token));
        return http.send(request.toHTTPRequest()).thenApply(response -> {
            TokenIntrospectionResponse parsed;
            try {
                parsed = TokenIntrospectionResponse.parse(response);
            } catch (ParseException e) {
                throw new OidcException("introspection-invalid");
            }
            if (!parsed.indicatesSuccess()) {
                // The endpoint refused *us* (e.g. bad client credentials): that says nothing about the token.
                throw new OidcException("introspection-refused");
            }
            return judge(parsed.toSuccessResponse(), token);
        });
    }

    private IntrospectionOutcome judge(TokenIntrospectionSuccessResponse answer, String token) {
        if (!answer.isActive()) {
            return new IntrospectionOutcome.Inactive("token-inactive");
        }
        if (answer.getIssuer() != null && !issuer.issuer().equals(answer.getIssuer().getValue())) {
            return new IntrospectionOutcome.Inactive("token-issuer-unknown");
        }
        Instant now = clock.instant();
        Instant exp = answer.getExpirationTime() == null ? null : answer.getExpirationTime().toInstant();
        if (exp != null && !now.isBefore(exp)) {
            return new IntrospectionOutcome.Inactive("token-expired");
        }
        List<Audience> audience = answer.getAudience();
        if (audience != null && !audience.isEmpty()
                && audience.stream().map(Audience::getValue).noneMatch(issuer.audiences()::contains)) {
            return new IntrospectionOutcome.Inactive("token-audience-invalid");
        }
        if (answer.getSubject() == null) {
            return new IntrospectionOutcome.Inactive("token-claims-invalid");
        }
        Map<String, Object> claims = new LinkedHashMap<>(PlainClaims.ofObject(answer.toJSONObject()));
        claims.remove("active");
        Instant cacheUntil = now.plus(issuer.introspection().cacheMax());
        if (exp != null && exp.isBefore(cacheUntil)) {
            cacheUntil = exp;
        }
        Identity identity = new Identity(issuer.id(), issuer.issuer(), answer.getSubject().getValue(), claims,
                exp == null ? cacheUntil : exp, TokenDigest.of(token).shortHex());
        return new IntrospectionOutcome.Active(identity, cacheUntil);
    }
}
