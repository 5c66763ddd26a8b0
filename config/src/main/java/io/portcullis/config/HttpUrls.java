package io.portcullis.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks URLs for upstreams and issuers. Userinfo is refused so no credential ever sits in the
 * config or in a log line; a query or fragment is refused because it would be silently dropped.
 */
final class HttpUrls {

    private HttpUrls() {
    }

    static URI parse(String text) {
        URI uri = syntax(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("URL '" + text + "' must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("URL must not contain user info");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URL '" + text + "' has no valid host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("URL '" + text + "' must not have a query or fragment");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("URL '" + text + "' has a port out of range");
        }
        return uri;
    }

    /** The URI of {@code text}, or an IllegalArgumentException that names it. */
    static URI syntax(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL '" + text + "'");
        }
    }
}
