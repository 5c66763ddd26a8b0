package io.portcullis.config;

import java.time.Duration;

/**
 * How the listener talks to clients: TLS (with ALPN for HTTP/2), cleartext HTTP/2 with prior
 * knowledge, how long a shutdown waits for requests in flight, the health path it answers itself and
 * the pages it refuses with.
 *
 * @param tls           listener TLS; null serves cleartext
 * @param h2c           accept HTTP/2 with prior knowledge on a cleartext listener
 * @param shutdownGrace how long a stop waits for in-flight exchanges before closing them
 * @param healthPath    the path the data listener answers with its readiness ({@code health_path}),
 *                      for load balancers that can only probe the traffic port; null when off
 * @param errorPages    the HTML pages of the proxy's own refusals ({@code errors}); never null
 * @param warmup        the warm-up of the request path before the listeners open ({@code warmup}); never null
 */
public record TransportConfig(TlsConfig tls, boolean h2c, Duration shutdownGrace, String healthPath,
                              ErrorPagesConfig errorPages, WarmupConfig warmup) {

    public TransportConfig {
        errorPages = errorPages == null ? ErrorPagesConfig.builtIn() : errorPages;
        warmup = warmup == null ? WarmupConfig.off() : warmup;
    }

    /** Without a warm-up (as configs built in code start). */
    public TransportConfig(TlsConfig tls, boolean h2c, Duration shutdownGrace, String healthPath,
                           ErrorPagesConfig errorPages) {
        this(tls, h2c, shutdownGrace, healthPath, errorPages, WarmupConfig.off());
    }

    /** Default time requests in flight get to finish on shutdown. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);

    /** Cleartext HTTP/1.1 only, 20 s shutdown grace, no health path, no warm-up. */
    public static TransportConfig defaults() {
        return new TransportConfig(null, false, DEFAULT_SHUTDOWN_GRACE, null, ErrorPagesConfig.builtIn());
    }

    public TransportConfig withHealthPath(String path) {
        return new TransportConfig(tls, h2c, shutdownGrace, path, errorPages, warmup);
    }

    public TransportConfig withWarmup(WarmupConfig w) {
        return new TransportConfig(tls, h2c, shutdownGrace, healthPath, errorPages, w);
    }
}
