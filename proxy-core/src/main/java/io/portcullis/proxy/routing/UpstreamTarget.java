package io.portcullis.proxy.routing;

import java.net.URI;

/**
 * Where a route forwards: host, port, whether TLS is used, and a base path prepended to the
 * canonical request path. {@code key} identifies a connection pool.
 */
public record UpstreamTarget(String host, int port, boolean tls, String basePath, String key) {

    public static UpstreamTarget of(URI uri) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        String base = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String host = uri.getHost();
        return new UpstreamTarget(host, port, tls, base, (tls ? "https://" : "http://") + host + ":" + port);
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
