package io.portcullis.proxy.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Tracing end to end: a real Portcullis listener in front of a real upstream, exporting OTLP/HTTP to a
 * real in-process collector ({@link OtlpReceiver}). Spans are read after the proxy closed, which
 * exports everything still buffered, so no assertion waits on a clock.
 */
class RequestTracingTest {

    private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";
    private static final String CLIENT_TRACEPARENT = "traceparent: 00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01";

    private static String config(OtlpReceiver receiver, boolean trustLoopback) {
        return (trustLoopback ? "trusted_proxies: [127.0.0.1/32]\n" : "") + """
                listen: 127.0.0.1:0
                admin: 127.0.0.1:0
                issuers:
                  - id: corp
                    issuer: ${CORP_ISS}
                    jwks_uri: ${CORP_JWKS}
                    audiences: [portcullis]
                routes:
                  - id: api
                    match: { path_prefix: /api }
                    upstream: ${UPSTREAM}
                    policy: staff
                  - id: public
                    match: { path_prefix: /public }
                    upstream: ${UPSTREAM}
                    policy: public
                policies:
                  public:
                    allow: { public: true }
                  staff:
                    allow: { groups: { has: staff } }
                tracing: { enabled: true, endpoint: "%s", service_name: portcullis-test }
                """.formatted(receiver.baseUrl());
    }

    /** The trace id and parent span id of a W3C {@code traceparent} value. */
    private record TraceParent(String traceId, String parentId, String flags) {
        static TraceParent of(String value) {
            String[] p = value.split("-");
            assertEquals(4, p.length, value);
            assertEquals("00", p[0], value);
            return new TraceParent(p[1], p[2], p[3]);
        }
    }

    private static OtlpReceiver.Received one(List<OtlpReceiver.Received> spans, Predicate<OtlpReceiver.Received> which,
                                             String what) {
        List<OtlpReceiver.Received> found = spans.stream().filter(which).toList();
        assertEquals(1, found.size(), what + " in " + spans);
        return found.get(0);
    }

    @Test
    void anUntrustedClientsTraceparentStartsNothingAndNeverReachesTheUpstream() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            RecordedRequest upstreamSaw;
            String line;
            try (ProxyFixture fx = new ProxyFixture(config(receiver, false)); RawHttp c = fx.client()) {
                RawHttp.Response r = c.get("/public/page?q=secret-query", CLIENT_TRACEPARENT, "tracestate: spoof=1");
                assertEquals(200, r.status());
                upstreamSaw = fx.upstream.takeRequest(Duration.ofSeconds(5));
                line = fx.awaitDecision("\"route\":\"public\"");
            }
            TraceParent sent = TraceParent.of(upstreamSaw.header("traceparent"));
            assertEquals(1, upstreamSaw.headers("traceparent").size(), "one traceparent, ours");
            assertNotEquals(CLIENT_TRACE, sent.traceId(), "the client's trace id never reaches the upstream");
            assertFalse(upstreamSaw.hasHeader("tracestate"), "nor its tracestate");
            assertEquals(1, Integer.parseInt(sent.flags(), 16) & 1, "sampled: the default ratio keeps every trace");

            List<OtlpReceiver.Received> spans = receiver.spans();
            OtlpReceiver.Received server = one(spans, s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER, "one server span");
            assertEquals(sent.traceId(), server.traceId(), "the upstream's trace is the span's");
            assertEquals("", server.parentSpanId(), "a new root, not a child of the client's span");
            assertEquals("GET public", server.name());
            assertEquals("allow", server.attribute("portcullis.decision"));
            assertEquals("200", server.attribute("http.response.status_code"));
            assertEquals("/public/page", server.attribute("url.path"), "the path, never the query");
            OtlpReceiver.Received upstream = one(spans, s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT, "one upstream span");
            assertEquals(sent.parentId(), upstream.spanId(), "the upstream's parent is the upstream leg's span");
            assertEquals(server.spanId(), upstream.parentSpanId());
            assertEquals(server.traceId(), upstream.traceId());
            assertTrue(line.contains("\"trace_id\":\"" + server.traceId() + "\""), line);
            assertNoValueContains(spans, "secret-query");
            assertTrue(receiver.resourceAttributes().contains("service.name=portcullis-test"),
                    receiver.resourceAttributes().toString());
            assertTrue(receiver.contentTypes().stream().allMatch(t -> t.equals("application/x-protobuf")),
                    receiver.contentTypes().toString());
        }
    }

    @Test
    void aTrustedProxysTraceIsContinued() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            RecordedRequest upstreamSaw;
            try (ProxyFixture fx = new ProxyFixture(config(receiver, true)); RawHttp c = fx.client()) {
                assertEquals(200, c.get("/public/x", CLIENT_TRACEPARENT, "tracestate: vendor=abc").status());
                upstreamSaw = fx.upstream.takeRequest(Duration.ofSeconds(5));
            }
            TraceParent sent = TraceParent.of(upstreamSaw.header("traceparent"));
            assertEquals(CLIENT_TRACE, sent.traceId(), "the trusted caller's trace continues upstream");
            assertNotEquals(CLIENT_SPAN, sent.parentId(), "with our span as the upstream's parent");
            assertEquals("vendor=abc", upstreamSaw.header("tracestate"));
            List<OtlpReceiver.Received> spans = receiver.spans();
            OtlpReceiver.Received server = one(spans, s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER, "one server span");
            assertEquals(CLIENT_TRACE, server.traceId());
            assertEquals(CLIENT_SPAN, server.parentSpanId(), "a child of the caller's span");
            OtlpReceiver.Received upstream = one(spans, s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT, "one upstream span");
            assertEquals(sent.parentId(), upstream.spanId());
        }
    }

    @Test
    void theDecisionsStepsAreChildSpansWithCodesAndNeverTheToken() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            String staffToken;
            String otherToken;
            String deniedLine;
            try (ProxyFixture fx = new ProxyFixture(config(receiver, false)); RawHttp c = fx.client()) {
                staffToken = fx.corp.token().subject("alice").claim("groups", List.of("staff"))
                        .expiresIn(Duration.ofMinutes(5)).sign();
                otherToken = fx.corp.token().subject("bob").claim("groups", List.of("sales"))
                        .expiresIn(Duration.ofMinutes(5)).sign();
                assertEquals(200, c.get("/api/orders", "Authorization: Bearer " + staffToken,
                        "Cookie: _session=cookie-value-123").status());
                assertEquals(403, c.get("/api/orders", "Authorization: Bearer " + otherToken).status());
                assertEquals(1, fx.upstream.requests().size(), "the denied request never reached the upstream");
                deniedLine = fx.awaitDecision("\"decision\":\"deny\"");
            }
            List<OtlpReceiver.Received> spans = receiver.spans();
            List<OtlpReceiver.Received> servers = spans.stream()
                    .filter(s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER).toList();
            assertEquals(2, servers.size(), spans.toString());
            OtlpReceiver.Received allowed = one(servers, s -> "allow".equals(s.attribute("portcullis.decision")), "allowed");
            OtlpReceiver.Received denied = one(servers, s -> "deny".equals(s.attribute("portcullis.decision")), "denied");
            assertTrue(deniedLine.contains("\"trace_id\":\"" + denied.traceId() + "\""), deniedLine);
            assertNotEquals(allowed.traceId(), denied.traceId());

            List<OtlpReceiver.Received> allowedChildren = children(spans, allowed);
            assertEquals(List.of("authenticate bearer", "policy", "upstream GET"),
                    allowedChildren.stream().map(OtlpReceiver.Received::name).sorted().toList());
            OtlpReceiver.Received authn = one(allowedChildren, s -> s.name().equals("authenticate bearer"), "authn");
            assertEquals("authenticated", authn.attribute("portcullis.authn.outcome"));
            assertEquals("corp", authn.attribute("portcullis.issuer"));
            OtlpReceiver.Received policy = one(allowedChildren, s -> s.name().equals("policy"), "policy");
            assertEquals("allow", policy.attribute("portcullis.policy.outcome"));
            assertEquals("staff", policy.attribute("portcullis.policy"));

            List<OtlpReceiver.Received> deniedChildren = children(spans, denied);
            assertEquals(List.of("authenticate bearer", "policy"),
                    deniedChildren.stream().map(OtlpReceiver.Received::name).sorted().toList(),
                    "no upstream span for a request that was never forwarded");
            OtlpReceiver.Received deniedPolicy = one(deniedChildren, s -> s.name().equals("policy"), "policy");
            assertEquals("deny", deniedPolicy.attribute("portcullis.policy.outcome"));
            assertEquals("403", denied.attribute("http.response.status_code"));
            assertEquals(deniedPolicy.attribute("portcullis.reasons"), denied.attribute("portcullis.reasons"));
            assertFalse(denied.attribute("portcullis.reasons").isEmpty());

            for (String secret : List.of(staffToken, otherToken, staffToken.split("\\.")[2], otherToken.split("\\.")[2],
                    "cookie-value-123", "Bearer", "alice", "bob")) {
                assertNoValueContains(spans, secret);
            }
        }
    }

    @Test
    void anUnsampledRequestStillSendsItsTraceIdAndATrustedCallersSampledFlagWins() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            RecordedRequest unsampled;
            RecordedRequest continued;
            String line;
            try (ProxyFixture fx = new ProxyFixture(config(receiver, true)
                    .replace("service_name: portcullis-test", "service_name: portcullis-test, sampler_ratio: 0"));
                 RawHttp c = fx.client()) {
                assertEquals(200, c.get("/public/new").status());
                unsampled = fx.upstream.takeRequest(Duration.ofSeconds(5));
                line = fx.awaitDecision("\"path\":\"/public/new\"");
                assertEquals(200, c.get("/public/continued", CLIENT_TRACEPARENT).status());
                continued = fx.upstream.takeRequest(Duration.ofSeconds(5));
            }
            TraceParent fresh = TraceParent.of(unsampled.header("traceparent"));
            assertEquals(0, Integer.parseInt(fresh.flags(), 16) & 1, "ratio 0: not sampled");
            assertTrue(line.contains("\"trace_id\":\"" + fresh.traceId() + "\""), "the line joins the upstream's logs: " + line);
            TraceParent kept = TraceParent.of(continued.header("traceparent"));
            assertEquals(CLIENT_TRACE, kept.traceId());
            assertEquals(1, Integer.parseInt(kept.flags(), 16) & 1, "the trusted caller sampled it");
            List<OtlpReceiver.Received> spans = receiver.spans();
            assertTrue(spans.stream().allMatch(s -> s.traceId().equals(CLIENT_TRACE)),
                    "only the caller's sampled trace is exported: " + spans);
            assertEquals(List.of("GET public", "authenticate bearer", "policy", "upstream GET"),
                    spans.stream().map(OtlpReceiver.Received::name).sorted().toList());
        }
    }

    @Test
    void withTracingOffTheHeadersPassAsTheyCameAndTheLineHasNoTraceId() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver();
             ProxyFixture fx = new ProxyFixture(config(receiver, false).replace("enabled: true", "enabled: false"));
             RawHttp c = fx.client()) {
            assertEquals(200, c.get("/public/x", CLIENT_TRACEPARENT).status());
            RecordedRequest upstreamSaw = fx.upstream.takeRequest(Duration.ofSeconds(5));
            assertEquals(CLIENT_TRACEPARENT.substring("traceparent: ".length()), upstreamSaw.header("traceparent"));
            String line = fx.awaitDecision("\"route\":\"public\"");
            assertFalse(line.contains("trace_id"), line);
            fx.portcullis.close();
            assertEquals(List.of(), receiver.spans(), "nothing exported");
            assertNull(receiver.contentTypes().stream().findAny().orElse(null));
        }
    }

    private static List<OtlpReceiver.Received> children(List<OtlpReceiver.Received> spans,
                                                        OtlpReceiver.Received parent) {
        return spans.stream().filter(s -> s.parentSpanId().equals(parent.spanId())
                && s.traceId().equals(parent.traceId())).toList();
    }

    private static void assertNoValueContains(List<OtlpReceiver.Received> spans, String secret) {
        for (OtlpReceiver.Received s : spans) {
            assertFalse(s.name().contains(secret), s.name());
            for (KeyValue kv : s.attributes()) {
                String v = OtlpReceiver.text(kv.getValue());
                assertFalse(v.contains(secret), kv.getKey() + "=" + v + " holds " + secret);
            }
        }
    }
}
