/**
 * OpenTelemetry tracing: the settings ({@code tracing:} and the standard {@code OTEL_*} variables), the
 * SDK wired once per process with its OTLP/HTTP exporter, and the span of one proxied request with its
 * child spans and the {@code traceparent} sent upstream. Off by default, and then a request touches
 * only the shared {@link io.portcullis.proxy.trace.RequestSpan#OFF}. It may import the OpenTelemetry
 * API and SDK, Netty's header type, the config module and the access package's
 * {@link io.portcullis.proxy.access.AccessTrace}; the access package never imports this one.
 */
package io.portcullis.proxy.trace;
