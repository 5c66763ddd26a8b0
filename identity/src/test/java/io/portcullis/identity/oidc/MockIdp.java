package io.portcullis.identity.oidc;

import io.portcullis.config.ClientSecret;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.OidcClientConfig;
import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.config.SsoConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A real OAuth2/OIDC server (mock-oauth2-server) on a loopback port, with the config records a
 * proxy using it would have, and a "browser" hop through its authorization endpoint.
 */
final class MockIdp implements AutoCloseable {

    static final String ISSUER_ID = "corp";
    static final String CLIENT_ID = "portcullis";

    final MockOAuth2Server server = new MockOAuth2Server();
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    MockIdp() {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    IssuerConfig issuerConfig() {
        return issuerConfig(CLIENT_ID);
    }

    /** As {@link #issuerConfig()}, with our client registered as {@code clientId}. */
    IssuerConfig issuerConfig(String clientId) {
        return new IssuerConfig(ISSUER_ID, issuer(), null, true, List.of(CLIENT_ID), List.of("RS256", "ES256"),
                Duration.ofSeconds(30), Duration.ofHours(1), null,
                new OidcClientConfig(clientId, new ClientSecret("s3cret", "env:TEST"), OidcClientConfig.DEFAULT_SCOPES),
                null, SenderConstraintConfig.defaults());
    }

    static SsoConfig ssoConfig(Duration sessionTtl) {
        return new SsoConfig(ISSUER_ID, URI.create("http://127.0.0.1:8080"), SsoConfig.DEFAULT_COOKIE_NAME,
                List.of(), sessionTtl, null, false, null);
    }

    static SessionKeys randomKeys() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return SessionKeys.of(List.of(key));
    }

    /**
     * What a browser does with the authorization URL: the server answers at once with a redirect to
     * our callback carrying {@code code} and {@code state}; returns that redirect target.
     */
    URI authorize(URI authorizationUri) {
        try {
            HttpResponse<Void> response = browser.send(HttpRequest.newBuilder(authorizationUri).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 302) {
                throw new AssertionError("authorize answered " + response.statusCode());
            }
            return URI.create(response.headers().firstValue("Location").orElseThrow());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static String queryParam(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
