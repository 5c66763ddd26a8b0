package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.net.URI;

/**
 * Binds {@code tracing: { enabled, endpoint, sampler_ratio, service_name }}. Keys left out stay unset
 * (null), so the {@code OTEL_*} environment can still decide them.
 */
final class TracingBinder {

    private TracingBinder() {
    }

    static TracingConfig bind(Node node, Problems problems) {
        MapReader r = MapReader.of(node, "tracing", problems).orElse(null);
        if (r == null) {
            return TracingConfig.unset();
        }
        Boolean enabled = r.optional("enabled", Values.bool(), null);
        URI endpoint = r.optional("endpoint", Values.parsed(HttpUrls::parse), null);
        Double ratio = r.optional("sampler_ratio", Values.parsed(TracingBinder::ratio), null);
        String serviceName = r.optional("service_name", Values.string(), null);
        r.finish();
        return new TracingConfig(enabled, endpoint, ratio, serviceName);
    }

    /** A decimal from 0 to 1: the share of traces kept. */
    static double ratio(String text) {
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number from 0 to 1, got '" + text + "'");
        }
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("expected a number from 0 to 1, got '" + text + "'");
        }
        return d;
    }
}
