package io.portcullis.proxy.server.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteConfig;
import io.portcullis.config.UpstreamTlsConfig;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client TLS contexts for upstream connections, one per route TLS setting, built when a config is
 * loaded or reloaded ({@link #prepare}, on the thread that loads it) and only looked up on the event
 * loops ({@link #forConfig}): building one reads the CA and client-certificate files and parses
 * keys, which must not stall a loop. Contexts are keyed by the identity of the config record, so a
 * reload (which makes new records) re-reads the files. Shared by every loop's pool: the prepared
 * contexts are an immutable map swapped whole, read without a lock.
 */
public final class UpstreamTlsContexts {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamTlsContexts.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** Contexts of earlier configs are kept (requests begun before a reload still connect) up to this many. */
    private static final int MAX_KEPT = 256;

    /** A context, or why the route's files could not make one (the connect then fails: 502, never cleartext). */
    private record Prepared(SslContext context, SSLException problem) {
    }

    private final SslContext system;
    private volatile Map<UpstreamTlsConfig, Prepared> prepared = new IdentityHashMap<>();

    public UpstreamTlsContexts() {
        try {
            system = SslContextBuilder.forClient().protocols(PROTOCOLS).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot initialise TLS client", e);
        }
    }

    /**
     * Builds the context of every {@code https} route of {@code config} that has TLS settings of its
     * own. Called off the event loops, before the config is put in use.
     */
    public synchronized void prepare(PortcullisConfig config) {
        Map<UpstreamTlsConfig, Prepared> next =
                prepared.size() < MAX_KEPT ? new IdentityHashMap<>(prepared) : new IdentityHashMap<>();
        for (RouteConfig route : config.routes()) {
            UpstreamTlsConfig tls = route.transport().upstreamTls();
            if (tls != null && "https".equalsIgnoreCase(route.upstream().getScheme()) && !next.containsKey(tls)) {
                next.put(tls, build(tls));
            }
        }
        prepared = next;
    }

    /**
     * The context for {@code config} (null = system trust, no client certificate). A lookup on the
     * event loop; a config that was never prepared is built here, with a warning, rather than refused.
     *
     * @throws SSLException when the configured files cannot be used
     */
    public SslContext forConfig(UpstreamTlsConfig config) throws SSLException {
        if (config == null) {
            return system;
        }
        Prepared p = prepared.get(config);
        if (p == null) {
            LOG.warn("upstream TLS context built on an event loop: its config was not prepared when loaded");
            p = build(config);
        }
        if (p.problem() != null) {
            throw p.problem();
        }
        return p.context();
    }

    /** Whether {@code config}'s context was built at load time (tests). */
    boolean isPrepared(UpstreamTlsConfig config) {
        return prepared.containsKey(config);
    }

    private static Prepared build(UpstreamTlsConfig config) {
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
            return new Prepared(b.build(), null);
        } catch (IllegalArgumentException e) {
            return new Prepared(null, new SSLException("cannot read upstream TLS files: " + e.getMessage(), e));
        } catch (SSLException e) {
            return new Prepared(null, e);
        }
    }
}
