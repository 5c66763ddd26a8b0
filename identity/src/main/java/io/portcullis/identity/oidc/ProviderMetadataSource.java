package io.portcullis.identity.oidc;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The issuer's OIDC discovery document, fetched once and kept. A failed fetch is not kept: the next
 * caller tries again, so an IdP that was down at start does not disable login for good.
 */
public final class ProviderMetadataSource {

    private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private final String issuer;
    private final NimbusHttp http;
    private CompletableFuture<OIDCProviderMetadata> current;

    public ProviderMetadataSource(String issuer, NimbusHttp http) {
        this.issuer = issuer;
        this.http = http;
    }

    public synchronized CompletableFuture<OIDCProviderMetadata> get() {
        if (current == null || current.isCompletedExceptionally()) {
            current = fetch();
        }
        return current;
    }

    private CompletableFuture<OIDCProviderMetadata> fetch() {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return http.getJson(URI.create(base + DISCOVERY_PATH)).thenApply(body -> {
            OIDCProviderMetadata metadata;
            try {
                metadata = OIDCProviderMetadata.parse(body);
            } catch (ParseException e) {
                throw new OidcException("discovery-invalid");
            }
            // A discovery document naming another issuer could send our users to someone else's login.
            if (!issuer.equals(metadata.getIssuer().getValue())) {
                throw new OidcException("discovery-issuer-mismatch");
            }
            if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null) {
                throw new OidcException("discovery-invalid");
            }
            return metadata;
        });
    }
}
