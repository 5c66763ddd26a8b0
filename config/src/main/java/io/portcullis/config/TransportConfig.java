package io.portcullis.config;

import java.time.Duration;

/**
 * How the listener talks to clients: TLS (with ALPN for HTTP/2), cleartext HTTP/2 with prior
 * knowledge, and how long a shutdown waits for requests in flight.
 *
 * @param tls           listener TLS; null serves cleartext
 * @param h2c           accept HTTP/2 with prior knowledge on a cleartext listener
 * @param shutdownGrace how long a stop waits for in-flight exchanges before closing them
 */
public record TransportConfig(TlsConfig tls, boolean h2c, Duration shutdownGrace) {

    /** Default time requests in flight get to finish on shutdown. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);

    /** Cleartext HTTP/1.1 only, 20 s shutdown grace. */
    public static TransportConfig defaults() {
        return new TransportConfig(null, false, DEFAULT_SHUTDOWN_GRACE);
    }
}
