package io.portcullis.config;

import java.nio.file.Path;

/**
 * TLS towards one route's {@code https} upstream. Without it the system trust store, SNI and host
 * name verification apply.
 *
 * @param caFile             PEM CAs trusted for the upstream instead of the system store; null = system
 * @param certFile           client certificate chain for mTLS to the upstream; null = none
 * @param keyFile            PKCS#8 key of {@code certFile}; set exactly when {@code certFile} is
 * @param serverName         SNI and verified name instead of the URL's host; null = the URL's host
 * @param insecureSkipVerify trust any certificate (testing only; logged as a warning when first used)
 */
public record UpstreamTlsConfig(Path caFile, Path certFile, Path keyFile, String serverName,
                                boolean insecureSkipVerify) {
}
