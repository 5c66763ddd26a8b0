package io.portcullis.proxy.trace;

import io.netty.handler.codec.http.HttpHeaders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.portcullis.proxy.access.AccessTrace;
import io.portcullis.proxy.access.trace.TraceKeys;
import java.util.List;

/**
 * The server span of one proxied request, the parent of its access-decision steps ({@link AccessTrace})
 * and of the upstream leg's client span, whose context goes upstream as {@code traceparent}. Ended once,
 * with the decision line's decision, reasons and status. Only codes, names and the canonical path are
 * recorded: never a header value, a cookie, a token or the query string. {@link #OFF} is every request's
 * span when tracing is off: it records nothing and changes no header.
 */
public final class RequestSpan implements AccessTrace {

    /** The span of every request while tracing is off. */
    public static final RequestSpan OFF = new RequestSpan(null, null, null);

    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey(TraceKeys.ROUTE);
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey(TraceKeys.REQUEST_ID);
    private static final AttributeKey<String> DECISION = AttributeKey.stringKey(TraceKeys.DECISION);
    private static final AttributeKey<List<String>> REASONS = AttributeKey.stringArrayKey(TraceKeys.REASONS);
    private static final AttributeKey<String> REASON = AttributeKey.stringKey(TraceKeys.REASON);

    private final Tracer tracer;
    private final Span span;
    private final String method;
    /** The context the children start in: this span's. */
    private final Context context;
    /** The upstream leg's span, once the request is forwarded. */
    private Span upstream;

    RequestSpan(Tracer tracer, Span span, String method) {
        this.tracer = tracer;
        this.span = span;
        this.method = method;
        this.context = span == null ? null : Context.root().with(span);
    }

    @Override
    public boolean recording() {
        return span != null && span.isRecording();
    }

    @Override
    public Step step(String name) {
        if (!recording()) {
            return Step.NONE;
        }
        return new SpanStep(tracer.spanBuilder(name).setParent(context).startSpan());
    }

    /**
     * The trace id the decision line carries (32 hex digits), or null when tracing is off. Present for an
     * unsampled request too: the upstream received it, so its logs can be joined to this line.
     */
    public String traceId() {
        return span == null || !span.getSpanContext().isValid() ? null : span.getSpanContext().getTraceId();
    }

    /**
     * Starts the upstream leg's span and makes the headers going upstream carry its context: whatever
     * {@code traceparent} and {@code tracestate} the client sent are replaced (an untrusted client's
     * trace was never continued, so its ids go nowhere). With tracing off, the headers are left as they are.
     */
    public void toUpstream(HttpHeaders outgoing, String host, int port) {
        if (span == null) {
            return;
        }
        outgoing.remove(TraceHeaders.TRACEPARENT);
        outgoing.remove(TraceHeaders.TRACESTATE);
        upstream = tracer.spanBuilder("upstream " + method).setSpanKind(SpanKind.CLIENT).setParent(context)
                .setAttribute(HTTP_METHOD, method)
                .setAttribute(SERVER_ADDRESS, host)
                .setAttribute(SERVER_PORT, (long) port)
                .startSpan();
        W3CTraceContextPropagator.getInstance().inject(context.with(upstream), outgoing, TraceHeaders.SETTER);
    }

    /**
     * Ends the upstream span (if any) and this one with what the decision line says.
     *
     * @param failure why an allowed request did not get the upstream's whole answer, or null
     */
    public void end(String route, String requestId, String decision, List<String> reasons, int status,
                    String failure) {
        if (span == null) {
            return;
        }
        if (upstream != null) {
            if (status > 0) {
                upstream.setAttribute(STATUS, (long) status);
            }
            if (failure != null) {
                upstream.setAttribute(REASON, failure);
                upstream.setStatus(StatusCode.ERROR, failure);
            } else if (status >= 500) {
                upstream.setStatus(StatusCode.ERROR);
            }
            upstream.end();
        }
        if (route != null && !route.equals("-")) {
            span.updateName(method + " " + route);
            span.setAttribute(ROUTE, route);
        }
        span.setAttribute(REQUEST_ID, requestId);
        span.setAttribute(DECISION, decision);
        span.setAttribute(REASONS, reasons);
        if (status > 0) {
            span.setAttribute(STATUS, (long) status);
        }
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** One access-decision step as a child span. */
    private static final class SpanStep implements Step {

        private final Span span;

        SpanStep(Span span) {
            this.span = span;
        }

        @Override
        public Step attribute(String key, String value) {
            if (value != null) {
                span.setAttribute(key, value);
            }
            return this;
        }

        @Override
        public Step attribute(String key, List<String> values) {
            if (values != null) {
                span.setAttribute(AttributeKey.stringArrayKey(key), values);
            }
            return this;
        }

        @Override
        public Step failed(String reason) {
            span.setStatus(StatusCode.ERROR, reason);
            return this;
        }

        @Override
        public void end() {
            span.end();
        }
    }
}
