package io.portcullis.proxy.server.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.portcullis.config.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's TLS context, rebuilt when the certificate, key or client-CA files change (by content
 * hash, so a renewal that keeps the mtime, or a symlink swap, is still seen). New connections get the
 * new context; open ones keep the one they started with. A change that does not load (half-written
 * file, key not matching) keeps the previous context and is logged; the next check tries again.
 */
public final class ReloadingServerTls {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingServerTls.class);

    private final TlsConfig config;
    private final long handshakeTimeoutMillis;
    private final boolean http2;
    private volatile SslContext current;
    private volatile String filesHash;

    private ReloadingServerTls(TlsConfig config, long handshakeTimeoutMillis, boolean http2, SslContext first,
                               String hash) {
        this.config = config;
        this.http2 = http2;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.current = first;
        this.filesHash = hash;
    }

    /**
     * Loads the context once.
     *
     * @throws UnusableTlsException when the files cannot be used: the listener must not start
     */
    public static ReloadingServerTls load(TlsConfig config, long handshakeTimeoutMillis) {
        return load(config, handshakeTimeoutMillis, true);
    }

    /** @param http2 whether ALPN offers h2 (see {@link ServerTlsContext#build(TlsConfig, boolean)}) */
    public static ReloadingServerTls load(TlsConfig config, long handshakeTimeoutMillis, boolean http2) {
        try {
            String hash = hashOf(config);
            return new ReloadingServerTls(config, handshakeTimeoutMillis, http2, ServerTlsContext.build(config, http2),
                    hash);
        } catch (IOException e) {
            throw new UnusableTlsException("tls: cannot use cert_file/key_file/client_ca_file: " + e.getMessage(), e);
        }
    }

    /** A handler for one new connection, from the current context. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        SslHandler h = current.newHandler(alloc);
        h.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return h;
    }

    /** Rebuilds the context when the files changed; returns true when a new one is in use. */
    public boolean reloadIfChanged() {
        String hash;
        try {
            hash = hashOf(config);
        } catch (IOException e) {
            LOG.warn("tls: cannot read certificate files, keeping the current ones: {}", e.getMessage());
            return false;
        }
        if (hash.equals(filesHash)) {
            return false;
        }
        try {
            current = ServerTlsContext.build(config, http2);
            filesHash = hash;
            LOG.info("tls: certificate files changed; new connections use the new certificate");
            return true;
        } catch (SSLException | RuntimeException e) {
            LOG.warn("tls: changed certificate files do not load, keeping the current ones: {}", e.getMessage());
            return false;
        }
    }

    private static String hashOf(TlsConfig config) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Path p : new Path[] {config.certFile(), config.keyFile(), config.clientCaFile()}) {
            if (p != null) {
                md.update(Files.readAllBytes(p));
                md.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
