package io.portcullis.proxy.routing;

import io.portcullis.config.UpstreamTlsConfig;
import java.net.URI;

/**
 * Where a route forwards: host, port, whether TLS is used, and a base path prepended to the
 * canonical request path. {@code key} names the upstream (logs, {@code /policies});
 * {@link #poolKey()} identifies a connection pool, so connections made with different TLS settings
 * are never shared.
 *
 * @param tlsConfig the route's upstream TLS settings; null = system trust, the URL's host for SNI
 */
public record UpstreamTarget(String host, int port, boolean tls, String basePath, String key,
                             UpstreamTlsConfig tlsConfig) {

    /** A target with default TLS settings. */
    public UpstreamTarget(String host, int port, boolean tls, String basePath, String key) {
        this(host, port, tls, basePath, key, null);
    }

    public static UpstreamTarget of(URI uri) {
        return of(uri, null);
    }

    /** The target of {@code uri}; {@code tlsConfig} only applies to {@code https}. */
    public static UpstreamTarget of(URI uri, UpstreamTlsConfig tlsConfig) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        String base = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String host = uri.getHost();
        return new UpstreamTarget(host, port, tls, base, (tls ? "https://" : "http://") + host + ":" + port,
                tls ? tlsConfig : null);
    }

    /** Identifies the connection pool: the key, plus the TLS settings when the route has its own. */
    public String poolKey() {
        return tlsConfig == null ? key : key + "|" + tlsConfig;
    }

    /** The name sent as SNI and checked against the upstream's certificate. */
    public String serverName() {
        return tlsConfig != null && tlsConfig.serverName() != null ? tlsConfig.serverName() : host;
    }

    /** The request-target sent upstream for a canonical path and raw query. */
    public String target(String path, String rawQuery) {
        String p = basePath.isEmpty() ? path : basePath + path;
        return rawQuery == null ? p : p + '?' + rawQuery;
    }

    /** Value for the Host header when the client's Host is not kept. */
    public String authority() {
        boolean defaultPort = (tls && port == 443) || (!tls && port == 80);
        String h = host.contains(":") ? "[" + host + "]" : host;
        return defaultPort ? h : h + ":" + port;
    }
}
