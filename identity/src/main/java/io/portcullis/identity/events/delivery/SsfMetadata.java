package io.portcullis.identity.events.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A transmitter's configuration metadata (SSF 1.0 §7.1), the members a receiver uses. Endpoints a
 * transmitter does not offer are null.
 */
public record SsfMetadata(String issuer, URI jwksUri, List<String> deliveryMethods, URI configurationEndpoint,
        URI statusEndpoint, URI verificationEndpoint, String specVersion) {

    public SsfMetadata {
        deliveryMethods = List.copyOf(deliveryMethods);
    }

    /**
     * Reads the metadata document; {@code expectedIssuer} must equal its {@code issuer} exactly (SSF 1.0
     * §7.2: otherwise the document may be an impostor's), or an {@link SsfException} is thrown.
     */
    static SsfMetadata parse(Map<String, Object> json, String expectedIssuer) {
        if (!expectedIssuer.equals(json.get("issuer"))) {
            throw new SsfException("metadata-issuer-mismatch");
        }
        URI jwksUri = url(json, "jwks_uri");
        if (jwksUri == null) {
            throw new SsfException("metadata-no-jwks-uri");
        }
        List<String> methods = new ArrayList<>();
        if (json.get("delivery_methods_supported") instanceof List<?> list) {
            for (Object method : list) {
                if (method instanceof String s) {
                    methods.add(s);
                }
            }
        }
        return new SsfMetadata(expectedIssuer, jwksUri, methods, url(json, "configuration_endpoint"),
                url(json, "status_endpoint"), url(json, "verification_endpoint"),
                json.get("spec_version") instanceof String v ? v : null);
    }

    private static URI url(Map<String, Object> json, String name) {
        if (!(json.get(name) instanceof String text)) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new SsfException("metadata-bad-" + name.replace('_', '-'));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new SsfException("metadata-bad-" + name.replace('_', '-'));
        }
        return uri;
    }

    /**
     * Where the metadata of {@code issuer} is looked for, in order: the SSF 1.0 form, with the well-known
     * segment between host and path ({@code https://h/.well-known/ssf-configuration/realms/corp}, as
     * Keycloak serves it), then the older form appended to the issuer. For an issuer without a path the
     * two are the same, and listed once.
     */
    static List<URI> candidateUrls(String issuer) {
        URI uri = URI.create(issuer);
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        URI inserted = URI.create(origin + "/.well-known/ssf-configuration" + path);
        URI appended = URI.create(origin + path + "/.well-known/ssf-configuration");
        return inserted.equals(appended) ? List.of(inserted) : List.of(inserted, appended);
    }
}
