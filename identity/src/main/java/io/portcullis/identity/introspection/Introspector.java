package io.portcullis.identity.introspection;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.AuthFailure;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.cache.CachedCalls;
import io.portcullis.identity.cache.TokenDigest;
import io.portcullis.identity.oidc.NimbusHttp;
import io.portcullis.identity.oidc.OidcException;
import io.portcullis.identity.oidc.ProviderMetadataSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates opaque (non-JWT) bearer tokens by RFC 7662 introspection at the issuers that have it
 * configured, in config order: the first that calls the token active vouches for it. Answers are
 * cached per issuer, endpoint and token digest (never the token itself): active ones until the token's
 * {@code exp} or {@code cache_max}, whichever is sooner; inactive ones for {@code negative_ttl}; a failed
 * call is not cached. Concurrent lookups of one token share one call.
 */
public final class Introspector {

    static final long MAX_ENTRIES = 100_000;

    private final List<Endpoint> endpoints = new ArrayList<>();
    private final CachedCalls<Key, IntrospectionOutcome> cache;
    private final Clock clock;

    /** One issuer's endpoint and the client that calls it. */
    private record Endpoint(IssuerConfig issuer, IntrospectionClient client, ProviderMetadataSource discovery) {
    }

    /** What an answer is cached under. */
    private record Key(String issuerId, URI endpoint, TokenDigest token) {
    }

    public Introspector(List<IssuerConfig> issuers, NimbusHttp http, Clock clock) {
        this.clock = clock;
        for (IssuerConfig issuer : issuers) {
            if (issuer.introspection() != null) {
                endpoints.add(new Endpoint(issuer, new IntrospectionClient(issuer, http, clock),
                        new ProviderMetadataSource(issuer.issuer(), http)));
            }
        }
        this.cache = new CachedCalls<>(Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new OutcomeExpiry())
                .build());
    }

    /** True when some issuer introspects opaque tokens. */
    public boolean enabled() {
        return !endpoints.isEmpty();
    }

    public CompletableFuture<AuthResult> authenticate(String token) {
        if (endpoints.isEmpty()) {
            return CompletableFuture.completedFuture(new AuthResult.Rejected(AuthFailure.TOKEN_MALFORMED,
                    "the token is not a JWT"));
        }
        TokenDigest digest = TokenDigest.of(token);
        return ask(0, token, digest, false);
    }

    private CompletableFuture<AuthResult> ask(int index, String token, TokenDigest digest, boolean anyFailed) {
        if (index == endpoints.size()) {
            AuthFailure failure = anyFailed ? AuthFailure.INTROSPECTION_UNAVAILABLE : AuthFailure.TOKEN_INACTIVE;
            return CompletableFuture.completedFuture(new AuthResult.Rejected(failure,
                    anyFailed ? "the token could not be checked" : "the token is not active"));
        }
        Endpoint endpoint = endpoints.get(index);
        return endpointUri(endpoint)
                .thenCompose(uri -> cache.get(new Key(endpoint.issuer().id(), uri, digest),
                        () -> endpoint.client().introspect(uri, token)))
                .handle((outcome, failure) -> {
                    if (outcome instanceof IntrospectionOutcome.Active active) {
                        return CompletableFuture.<AuthResult>completedFuture(
                                new AuthResult.Authenticated(active.identity()));
                    }
                    return ask(index + 1, token, digest, anyFailed || failure != null);
                })
                .thenCompose(next -> next);
    }

    private static CompletableFuture<URI> endpointUri(Endpoint endpoint) {
        URI configured = endpoint.issuer().introspection().endpoint();
        if (configured != null) {
            return CompletableFuture.completedFuture(configured);
        }
        return endpoint.discovery().get().thenApply(metadata -> {
            if (metadata.getIntrospectionEndpointURI() == null) {
                throw new OidcException("introspection-endpoint-unknown");
            }
            return metadata.getIntrospectionEndpointURI();
        });
    }

    /** Active answers live until their {@code cacheUntil}; inactive ones for the issuer's negative TTL. */
    private final class OutcomeExpiry implements Expiry<Key, IntrospectionOutcome> {

        @Override
        public long expireAfterCreate(Key key, IntrospectionOutcome outcome, long currentTime) {
            if (outcome instanceof IntrospectionOutcome.Active active) {
                return Math.max(0, Duration.between(clock.instant(), active.cacheUntil()).toNanos());
            }
            return negativeTtl(key).toNanos();
        }

        @Override
        public long expireAfterUpdate(Key key, IntrospectionOutcome outcome, long currentTime, long currentDuration) {
            return expireAfterCreate(key, outcome, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, IntrospectionOutcome outcome, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private Duration negativeTtl(Key key) {
            for (Endpoint endpoint : endpoints) {
                if (endpoint.issuer().id().equals(key.issuerId())) {
                    return endpoint.issuer().introspection().negativeTtl();
                }
            }
            return Duration.ZERO;
        }
    }
}
