package io.portcullis.identity.events.delivery;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.portcullis.config.StreamClientConfig;
import io.portcullis.identity.oidc.NimbusHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Access tokens for a transmitter's APIs by the OAuth client credentials grant (RFC 6749 §4.4), made
 * with the Nimbus OAuth SDK and sent over the JDK's asynchronous client. A token is reused until shortly
 * before it expires; concurrent callers share one request; {@link #invalidate} drops a token the API refused.
 */
public final class AccessTokens {

    /** Tokens are renewed this long before they expire, so none expires in flight. */
    static final Duration EARLY = Duration.ofSeconds(30);
    /** A token whose response says nothing of its lifetime is used this long. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final StreamClientConfig client;
    private final NimbusHttp http;
    private final Clock clock;
    private Held held;
    private CompletableFuture<String> inFlight;

    public AccessTokens(StreamClientConfig client, NimbusHttp http, Clock clock) {
        this.client = client;
        this.http = http;
        this.clock = clock;
    }

    /** A valid access token; fails with an {@link SsfException} ({@code token-<error>}, {@code http-...}). */
    public synchronized CompletableFuture<String> token() {
        Held current = held;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return CompletableFuture.completedFuture(current.value());
        }
        if (inFlight != null) {
            return inFlight;
        }
        // No longer shared by the time it completes, so whoever sees it complete (a failure, or a token the
        // API then refuses) and asks again starts a new request.
        CompletableFuture<String> request = request().whenComplete((value, failure) -> {
            synchronized (this) {
                inFlight = null;
            }
        });
        if (!request.isDone()) { // one that failed before leaving completed at once: nothing to share
            inFlight = request;
        }
        return request;
    }

    /** Forgets the current token (the API answered 401 with it). */
    public synchronized void invalidate() {
        held = null;
    }

    private CompletableFuture<String> request() {
        Scope scope = client.scopes().isEmpty() ? null : new Scope(client.scopes().toArray(new String[0]));
        TokenRequest request = new TokenRequest(client.tokenEndpoint(),
                new ClientSecretBasic(new ClientID(client.clientId()), new Secret(client.secret().value())),
                new ClientCredentialsGrant(), scope);
        return http.send(request.toHTTPRequest()).thenApply(response -> {
            TokenResponse parsed;
            try {
                parsed = TokenResponse.parse(response);
            } catch (ParseException e) {
                throw new SsfException("token-response-invalid");
            }
            if (!parsed.indicatesSuccess()) {
                String code = parsed.toErrorResponse().getErrorObject().getCode();
                throw new SsfException("token-" + (code == null ? "http-" + response.getStatusCode() : code));
            }
            AccessTokenResponse success = (AccessTokenResponse) parsed;
            long lifetime = success.getTokens().getAccessToken().getLifetime();
            Duration valid = lifetime > 0 ? Duration.ofSeconds(lifetime) : DEFAULT_LIFETIME;
            Instant renewAt = clock.instant().plus(valid.compareTo(EARLY.multipliedBy(2)) > 0 ? valid.minus(EARLY) : valid);
            String value = success.getTokens().getAccessToken().getValue();
            synchronized (this) {
                held = new Held(value, renewAt);
            }
            return value;
        });
    }

    /** A token and when to stop using it. */
    private record Held(String value, Instant renewAt) {
    }
}
