package io.portcullis.config;

import java.net.URI;

/**
 * OpenTelemetry tracing ({@code tracing:}). Every field may be left out: what the file does not say,
 * the standard {@code OTEL_*} environment variables say, and else the documented default (off). The
 * file wins over the environment so that what is reviewed in the config is what runs.
 *
 * @param enabled      whether spans are made and exported; null when the file does not say
 * @param endpoint     the OTLP/HTTP traces URL (a bare {@code scheme://host:port} gets {@code /v1/traces});
 *                     null when the file does not say
 * @param samplerRatio the share of new traces recorded, 0 to 1 (a trusted caller's sampling decision is
 *                     followed); null when the file does not say
 * @param serviceName  the {@code service.name} the spans carry; null when the file does not say
 */
public record TracingConfig(Boolean enabled, URI endpoint, Double samplerRatio, String serviceName) {

    private static final TracingConfig UNSET = new TracingConfig(null, null, null, null);

    /** Nothing said in the file: the environment or the defaults decide. */
    public static TracingConfig unset() {
        return UNSET;
    }
}
