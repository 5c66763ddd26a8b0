package io.portcullis.proxy.trace;

import io.netty.handler.codec.http.HttpHeaders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's tracer: the OpenTelemetry SDK wired by hand (no autoconfiguration, so what runs is
 * what {@link TracingSettings} says), a parent-based ratio sampler, and a batch processor exporting
 * OTLP/HTTP protobuf on the JDK's HTTP client off the event loops. Built once at start; {@link #OFF}
 * when tracing is off, whose {@link #begin} returns the shared {@link RequestSpan#OFF} and costs one
 * branch.
 */
public final class Tracing implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);

    /** Tracing off: no SDK, no exporter thread, no span. */
    public static final Tracing OFF = new Tracing(null, null);

    private static final String SCOPE = "io.portcullis.proxy";

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private Tracing(SdkTracerProvider provider, Tracer tracer) {
        this.provider = provider;
        this.tracer = tracer;
    }

    /** The tracer {@code settings} ask for ({@link #OFF} when they say off); {@code version} tags the spans. */
    public static Tracing start(TracingSettings settings, String version) {
        if (!settings.enabled()) {
            return OFF;
        }
        SdkLogs.toSlf4j();
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.endpoint().toString())
                .setTimeout(Duration.ofSeconds(10));
        for (Map.Entry<String, String> h : settings.headers().entrySet()) {
            exporter.addHeader(h.getKey(), h.getValue());
        }
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), settings.serviceName(),
                        AttributeKey.stringKey("service.version"), version))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.samplerRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter.build()).build())
                .build();
        LOG.info("tracing on: OTLP/HTTP to {}, sampler ratio {}, service.name {}", settings.endpointForLog(),
                settings.samplerRatio(), settings.serviceName());
        return new Tracing(provider, provider.get(SCOPE, version));
    }

    /** Whether spans are made at all. */
    public boolean on() {
        return tracer != null;
    }

    /**
     * The server span of a request that just arrived. Its {@code traceparent} continues the caller's
     * trace only when {@code peerTrusted} (a peer in {@code trusted_proxies}); anyone else's starts a
     * new trace, so a client cannot choose the trace id an upstream's spans join.
     */
    public RequestSpan begin(HttpHeaders headers, boolean peerTrusted, String method, String scheme, String path,
                             String clientAddress) {
        if (tracer == null) {
            return RequestSpan.OFF;
        }
        Context parent = peerTrusted
                ? W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, TraceHeaders.GETTER)
                : Context.root();
        Span span = tracer.spanBuilder(method).setSpanKind(SpanKind.SERVER).setParent(parent)
                .setAttribute(RequestSpan.HTTP_METHOD, method)
                .setAttribute(RequestSpan.URL_SCHEME, scheme)
                .setAttribute(RequestSpan.URL_PATH, path)
                .setAttribute(RequestSpan.CLIENT_ADDRESS, clientAddress)
                .startSpan();
        return new RequestSpan(tracer, span, method);
    }

    /** Exports what is still buffered (up to 10 seconds) and stops the exporter. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
