package io.portcullis.config;

import java.time.Duration;

/**
 * Binds the top-level transport keys: {@code tls}, {@code http2}, {@code shutdown_grace} and
 * {@code health_path}, {@code errors} and {@code warmup}.
 */
final class TransportBinder {

    private TransportBinder() {
    }

    static TransportConfig bind(MapReader root, Problems problems) {
        TlsConfig tls = root.node("tls").map(n -> TlsBinder.bind(n, problems)).orElse(null);
        boolean h2c = root.node("http2").map(n -> cleartext(n, problems)).orElse(false);
        Duration grace = root.optional("shutdown_grace", Values.duration(Duration.ZERO, Duration.ofMinutes(10)),
                TransportConfig.DEFAULT_SHUTDOWN_GRACE);
        String health = root.optional("health_path", Values.parsed(HealthPath::parse), null);
        ErrorPagesConfig errors = root.node("errors").map(n -> ErrorPagesBinder.bind(n, problems))
                .orElse(ErrorPagesConfig.builtIn());
        WarmupConfig warmup = root.node("warmup").map(n -> WarmupBinder.bind(n, problems)).orElse(WarmupConfig.defaults());
        return new TransportConfig(tls, h2c, grace, health, errors, warmup);
    }

    /** {@code http2: { cleartext: true }}; HTTP/2 over TLS is always offered through ALPN. */
    private static boolean cleartext(io.portcullis.config.yaml.Node node, Problems problems) {
        MapReader r = MapReader.of(node, "http2", problems).orElse(null);
        if (r == null) {
            return false;
        }
        boolean cleartext = r.optional("cleartext", Values.bool(), false);
        r.finish();
        return cleartext;
    }
}
