package io.portcullis.proxy.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteConfig;
import io.portcullis.config.TlsConfig;
import io.portcullis.config.UpstreamTlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code portcullis_tls_certificate_expiry_timestamp_seconds{kind,name}}: when the certificates the
 * config names stop being valid (the earliest {@code notAfter} of each PEM file): the listener's
 * certificate ({@code kind="server"}), its client CA bundle ({@code client_ca}) and each route's
 * upstream client certificate ({@code upstream_client}, {@code name} = the route). The files are read
 * when a config is applied and every minute on a thread of its own (certificate files are rotated
 * without a config change), never on an event loop. A file that cannot be read keeps its last value.
 */
public final class CertificateExpiry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiry.class);
    private static final String METRIC = "portcullis.tls.certificate.expiry.timestamp.seconds";

    /** One certificate file to watch. */
    public record Source(String kind, String name, Path file) {
    }

    private record Watched(Path file, AtomicLong notAfterSeconds, Gauge gauge) {
    }

    private final MeterRegistry registry;
    private final Map<String, Watched> watched = new HashMap<>();
    private final ScheduledExecutorService refresher;
    private List<Source> sources = List.of();

    public CertificateExpiry(MeterRegistry registry) {
        this.registry = registry;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "portcullis-certificate-expiry");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 1, 1, TimeUnit.MINUTES);
    }

    /** The certificate files a config names. */
    public static List<Source> sourcesOf(PortcullisConfig config) {
        List<Source> out = new ArrayList<>();
        TlsConfig tls = config.transport().tls();
        if (tls != null) {
            out.add(new Source("server", "listen", tls.certFile()));
            if (tls.clientCaFile() != null) {
                out.add(new Source("client_ca", "listen", tls.clientCaFile()));
            }
        }
        for (RouteConfig route : config.routes()) {
            UpstreamTlsConfig upstream = route.transport() == null ? null : route.transport().upstreamTls();
            if (upstream != null && upstream.certFile() != null) {
                out.add(new Source("upstream_client", route.id(), upstream.certFile()));
            }
        }
        return out;
    }

    /** Watches these files from now on (reading them now, on the caller's thread); others are dropped. */
    public synchronized void watch(List<Source> next) {
        sources = List.copyOf(next);
        refresh();
    }

    synchronized void refresh() {
        Map<String, Source> wanted = new HashMap<>();
        for (Source s : sources) {
            wanted.put(s.kind() + '\0' + s.name(), s);
        }
        watched.entrySet().removeIf(e -> {
            Source s = wanted.get(e.getKey());
            boolean gone = s == null || !s.file().equals(e.getValue().file());
            if (gone) {
                registry.remove(e.getValue().gauge());
            }
            return gone;
        });
        for (Map.Entry<String, Source> e : wanted.entrySet()) {
            Source s = e.getValue();
            Long notAfter = earliestNotAfter(s.file());
            Watched w = watched.get(e.getKey());
            if (notAfter == null) {
                continue;
            }
            if (w == null) {
                AtomicLong value = new AtomicLong(notAfter);
                Gauge gauge = Gauge.builder(METRIC, value, AtomicLong::get)
                        .description("When the certificate stops being valid (earliest notAfter in the file), Unix time")
                        .tag("kind", s.kind()).tag("name", s.name()).strongReference(true).register(registry);
                watched.put(e.getKey(), new Watched(s.file(), value, gauge));
            } else {
                w.notAfterSeconds().set(notAfter);
            }
        }
    }

    /** The earliest expiry among the file's certificates, in Unix seconds; null when it cannot be read. */
    static Long earliestNotAfter(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            long earliest = Long.MAX_VALUE;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (c instanceof X509Certificate x) {
                    earliest = Math.min(earliest, x.getNotAfter().toInstant().getEpochSecond());
                }
            }
            return earliest == Long.MAX_VALUE ? null : earliest;
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("tls: cannot read the certificates of {} for their expiry: {}", file, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
