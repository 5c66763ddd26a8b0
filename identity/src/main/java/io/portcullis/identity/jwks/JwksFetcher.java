package io.portcullis.identity.jwks;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.config.IssuerConfig;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Fetches one issuer's JWKS over HTTP, first resolving {@code jwks_uri} through OIDC discovery when
 * the issuer has no explicit JWKS URI. Failures complete the future with a {@link FetchException}.
 */
final class JwksFetcher {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private final IssuerConfig issuer;
    private final HttpClient http;
    private final BoundedJsonBodyHandler bodyHandler = new BoundedJsonBodyHandler(MAX_BODY_BYTES);

    JwksFetcher(IssuerConfig issuer, HttpClient http) {
        this.issuer = issuer;
        this.http = http;
    }

    CompletableFuture<JWKSet> fetch() {
        CompletableFuture<URI> jwksUri = issuer.jwksUri() != null
                ? CompletableFuture.completedFuture(issuer.jwksUri())
                : discoverJwksUri();
        return jwksUri.thenCompose(this::get)
                .thenApply(JwksFetcher::parseJwks)
                .exceptionallyCompose(JwksFetcher::asFetchFailure);
    }

    private CompletableFuture<URI> discoverJwksUri() {
        String base = issuer.issuer().endsWith("/")
                ? issuer.issuer().substring(0, issuer.issuer().length() - 1)
                : issuer.issuer();
        URI discovery;
        try {
            discovery = URI.create(base + DISCOVERY_PATH);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new FetchException("discovery-uri-invalid"));
        }
        return get(discovery).thenApply(this::jwksUriFromDiscovery);
    }

    private URI jwksUriFromDiscovery(String body) {
        try {
            Map<String, Object> document = JSONObjectUtils.parse(body);
            // An issuer whose discovery document names another issuer could hand us someone else's keys.
            if (!issuer.issuer().equals(document.get("issuer"))) {
                throw new CompletionException(new FetchException("discovery-issuer-mismatch"));
            }
            Object jwksUri = document.get("jwks_uri");
            if (!(jwksUri instanceof String text)) {
                throw new CompletionException(new FetchException("discovery-invalid"));
            }
            URI uri = URI.create(text);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new CompletionException(new FetchException("discovery-invalid"));
            }
            return uri;
        } catch (ParseException | IllegalArgumentException e) {
            throw new CompletionException(new FetchException("discovery-invalid"));
        }
    }

    private CompletableFuture<String> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/jwk-set+json")
                .GET()
                .build();
        return http.sendAsync(request, bodyHandler)
                .thenApply(response -> new String(response.body(), StandardCharsets.UTF_8));
    }

    private static JWKSet parseJwks(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new CompletionException(new FetchException("jwks-invalid"));
        }
    }

    private static CompletableFuture<JWKSet> asFetchFailure(Throwable failure) {
        return CompletableFuture.failedFuture(classify(failure));
    }

    static FetchException classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FetchException fetchException) {
                return fetchException;
            }
            if (cause instanceof HttpConnectTimeoutException) {
                return new FetchException("connect-timeout");
            }
            if (cause instanceof HttpTimeoutException) {
                return new FetchException("timeout");
            }
            if (cause instanceof ConnectException) {
                return new FetchException("connect-failed");
            }
        }
        return new FetchException("io-error");
    }
}
