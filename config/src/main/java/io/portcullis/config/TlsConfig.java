package io.portcullis.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS on the data-plane listener. The files are PEM; they are re-read when they change, so a renewed
 * certificate is served to new connections without a restart.
 *
 * @param certFile     certificate chain, leaf first
 * @param keyFile      PKCS#8 private key of the leaf
 * @param minVersion   {@code TLSv1.2} or {@code TLSv1.3}
 * @param clientCaFile CAs that sign client certificates (mTLS); null when client certificates are not asked for
 * @param clientAuth   whether a client certificate is asked for, and whether it is required
 */
public record TlsConfig(Path certFile, Path keyFile, String minVersion, Path clientCaFile, ClientAuth clientAuth) {

    /** Protocol versions accepted from {@code min_version}. */
    public static final String TLS_1_2 = "TLSv1.2";
    /** The newest version; also the only one when {@code min_version: TLSv1.3}. */
    public static final String TLS_1_3 = "TLSv1.3";

    /** Whether the listener asks for a client certificate. */
    public enum ClientAuth {
        /** Never asked for. */
        NONE,
        /** Asked for; a connection without one still serves requests (without certificate facts). */
        OPTIONAL,
        /** A connection without a certificate signed by {@code client_ca_file} fails the handshake. */
        REQUIRED
    }

    public TlsConfig {
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(minVersion, "minVersion");
        Objects.requireNonNull(clientAuth, "clientAuth");
    }
}
