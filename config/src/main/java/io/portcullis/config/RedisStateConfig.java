package io.portcullis.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Redis connection of {@code state: { type: redis }}. The password is read from a file or the
 * environment when the config loads, and {@link ClientSecret#toString} never shows it.
 *
 * @param url            {@code redis://host:port} or {@code rediss://host:port} (TLS); no user info, no path
 * @param username       an ACL user, or null for the {@code default} user
 * @param password       from {@code password_file} or {@code password_env}; null when the server has none
 * @param caFile         PEM CA certificates that verify the server ({@code rediss} only; null: the JDK's)
 * @param clientCertFile PEM client certificate for mutual TLS, with {@code clientKeyFile}; or null
 * @param clientKeyFile  PEM PKCS#8 private key of the client certificate; or null
 * @param database       the logical database ({@code SELECT}); Cluster only has 0
 * @param keyPrefix      put before every key, so one server can hold several deployments
 * @param connectTimeout how long a connection attempt may take
 * @param commandTimeout how long one command may take before the caller falls back
 */
public record RedisStateConfig(
        URI url,
        String username,
        ClientSecret password,
        Path caFile,
        Path clientCertFile,
        Path clientKeyFile,
        int database,
        String keyPrefix,
        Duration connectTimeout,
        Duration commandTimeout) {

    public static final String DEFAULT_KEY_PREFIX = "portcullis:";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);

    /** True for {@code rediss://}. */
    public boolean tls() {
        return "rediss".equalsIgnoreCase(url.getScheme());
    }

    /** Host and port, safe to log (the URL holds no credential). */
    public String endpoint() {
        return url.getHost() + ":" + (url.getPort() < 0 ? 6379 : url.getPort());
    }
}
