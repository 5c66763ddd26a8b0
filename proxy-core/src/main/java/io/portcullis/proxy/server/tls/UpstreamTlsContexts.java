package io.portcullis.proxy.server.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.portcullis.config.UpstreamTlsConfig;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client TLS contexts for upstream connections, one per route TLS setting. Contexts are cached by
 * the identity of the config record, so a config reload (which makes new records) re-reads the CA
 * and client-certificate files. Owned by one event loop, like the pool using it.
 */
public final class UpstreamTlsContexts {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamTlsContexts.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslContext system;
    private final Map<UpstreamTlsConfig, SslContext> byConfig = new IdentityHashMap<>();

    public UpstreamTlsContexts() {
        try {
            system = SslContextBuilder.forClient().protocols(PROTOCOLS).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot initialise TLS client", e);
        }
    }

    /**
     * The context for {@code config} (null = system trust, no client certificate).
     *
     * @throws SSLException when the configured files cannot be used
     */
    public SslContext forConfig(UpstreamTlsConfig config) throws SSLException {
        if (config == null) {
            return system;
        }
        SslContext ctx = byConfig.get(config);
        if (ctx == null) {
            ctx = build(config);
            if (byConfig.size() > 256) {
                // reloads leave old records behind; start afresh rather than grow forever
                byConfig.clear();
            }
            byConfig.put(config, ctx);
        }
        return ctx;
    }

    private static SslContext build(UpstreamTlsConfig config) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().protocols(PROTOCOLS);
        try {
            if (config.insecureSkipVerify()) {
                LOG.warn("upstream TLS with insecure_skip_verify: the upstream's certificate is NOT verified");
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (config.caFile() != null) {
                b.trustManager(config.caFile().toFile());
            }
            if (config.certFile() != null && config.keyFile() != null) {
                b.keyManager(config.certFile().toFile(), config.keyFile().toFile());
            }
        } catch (IllegalArgumentException e) {
            throw new SSLException("cannot read upstream TLS files: " + e.getMessage(), e);
        }
        return b.build();
    }
}
