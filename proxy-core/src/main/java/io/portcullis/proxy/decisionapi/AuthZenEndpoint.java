package io.portcullis.proxy.decisionapi;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.portcullis.config.DecisionApiConfig;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.observe.DecisionRecord;
import io.portcullis.proxy.observe.Json;
import io.portcullis.proxy.server.ProxyContext;
import io.portcullis.proxy.server.RequestIds;
import io.portcullis.proxy.server.tls.ClientCertificates;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The AuthZEN PDP's HTTP side on the decision API listener: {@code POST /access/v1/evaluation},
 * {@code POST /access/v1/evaluations}, {@code GET /.well-known/authzen-configuration}. Callers
 * authenticate as {@code decision_api.authzen_callers} says ({@link AuthZenCallerAuth}: a bearer token of
 * a listed issuer or a verified client certificate; else 401), or without it are trusted as forward-auth
 * callers are ({@link CallerTrust}; else 403); a caller's {@code X-Request-ID} is echoed;
 * every evaluation gets a decision line ({@code via: authzen}) and is counted.
 */
final class AuthZenEndpoint {

    static final String EVALUATION = "/access/v1/evaluation";
    static final String EVALUATIONS = "/access/v1/evaluations";
    static final String METADATA = "/.well-known/authzen-configuration";
    private static final String JSON = "application/json";

    private AuthZenEndpoint() {
    }

    static boolean handles(String uri) {
        return uri.equals(EVALUATION) || uri.equals(EVALUATIONS) || uri.equals(METADATA);
    }

    static void answer(ChannelHandlerContext ctx, FullHttpRequest req, RuntimeConfig rc, DecisionApiConfig api,
                       InetAddress peer, ProxyContext shared, long start, boolean tls) {
        String theirs = req.headers().get("X-Request-ID");
        String requestId = RequestIds.ours(theirs, true); // an untrusted caller's id is only echoed on a refusal
        if (req.uri().equals(METADATA)) {
            if (!HttpMethod.GET.equals(req.method())) {
                send(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "{\"error\":\"method_not_allowed\"}", requestId);
                return;
            }
            String base = (tls ? "https://" : "http://") + req.headers().get("Host", "localhost");
            StringBuilder sb = new StringBuilder("{\"policy_decision_point\":");
            Json.quote(sb, base);
            Json.quote(sb.append(",\"access_evaluation_endpoint\":"), base + EVALUATION);
            Json.quote(sb.append(",\"access_evaluations_endpoint\":"), base + EVALUATIONS);
            send(ctx, req, HttpResponseStatus.OK, sb.append('}').toString(), requestId);
            return;
        }
        if (api.callers() != null) {
            CompletableFuture<AuthZenCallerAuth.Outcome> caller = AuthZenCallerAuth.authenticate(api.callers(),
                    ClientCertificates.of(ctx.channel()), req.headers().getAll(HttpHeaderNames.AUTHORIZATION),
                    rc.identity());
            req.retain();
            caller.whenComplete((o, e) -> ctx.executor().execute(() -> {
                try {
                    if (o != null && o.authenticated()) {
                        evaluate(ctx, req, rc, peer, shared, start, requestId);
                        return;
                    }
                    String reason = o == null ? "caller-unauthenticated" : o.reason();
                    record(shared, rc, requestId, peer, "reject", List.of(reason), null, 401, start);
                    DecisionApiServer.send(ctx, req, HttpResponseStatus.UNAUTHORIZED, JSON,
                            "{\"error\":\"unauthenticated\"}",
                            List.of(Map.entry("WWW-Authenticate", "Bearer realm=\"portcullis-authzen\"")), requestId,
                            false);
                } finally {
                    req.release();
                }
            }));
            return;
        }
        if (!CallerTrust.trusted(peer, rc.config().trustedProxies(), api.secret(),
                req.headers().getAll(api.secretHeader()), ClientCertificates.of(ctx.channel()) != null)) {
            record(shared, rc, requestId, peer, "reject", List.of("caller-untrusted"), null, 403, start);
            send(ctx, req, HttpResponseStatus.FORBIDDEN, "{\"error\":\"caller_untrusted\"}", requestId);
            return;
        }
        evaluate(ctx, req, rc, peer, shared, start, requestId);
    }

    /** An evaluation by a caller that was trusted or authenticated. */
    private static void evaluate(ChannelHandlerContext ctx, FullHttpRequest req, RuntimeConfig rc, InetAddress peer,
                                 ProxyContext shared, long start, String requestId) {
        if (!HttpMethod.POST.equals(req.method())) {
            send(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "{\"error\":\"method_not_allowed\"}", requestId);
            return;
        }
        String body = req.content().toString(StandardCharsets.UTF_8);
        AuthZenPdp.Answer a = req.uri().equals(EVALUATION)
                ? AuthZenPdp.evaluation(rc.router(), body, Instant.now())
                : AuthZenPdp.evaluations(rc.router(), body, Instant.now());
        if (a.outcomes().isEmpty()) {
            record(shared, rc, requestId, peer, "reject", List.of("authzen-request-invalid"), null, a.status(), start);
        }
        for (AuthZenPdp.Outcome o : a.outcomes()) {
            record(shared, rc, requestId, peer, o.decision() ? "allow" : "deny", o.reasons(), o, a.status(), start);
        }
        send(ctx, req, HttpResponseStatus.valueOf(a.status()), a.json(), requestId);
    }

    private static void record(ProxyContext shared, RuntimeConfig rc, String requestId, InetAddress peer,
                               String decision, List<String> reasons, AuthZenPdp.Outcome o, int status, long start) {
        long micros = (System.nanoTime() - start) / 1000;
        var e = o == null ? null : o.evaluation();
        String route = e == null || e.route() == null ? "-" : e.route().id();
        shared.decisions().record(DecisionRecord.builder().time(Instant.now()).requestId(requestId).route(route)
                .method(o == null || o.request().request() == null ? null : o.request().request().method())
                .path(e == null ? null : e.path())
                .sourceIp(o == null || o.request().request() == null || o.request().request().sourceIp() == null
                        ? peer.getHostAddress() : o.request().request().sourceIp().getHostAddress())
                .via("authzen")
                .issuer(o == null || o.request().identity() == null ? null : o.request().identity().issuer())
                .subject(o == null || o.request().identity() == null ? null : o.request().identity().subject())
                .decision(decision).reasons(reasons)
                .policy(e == null || e.decision() == null ? null : e.decision().policy())
                .rule(e == null || e.decision() == null ? null : e.decision().rule())
                .status(status).decisionMicros(micros).latencyMicros(micros).configSha256(rc.config().sha256())
                .build());
        shared.metrics().decisionApi("authzen", route, decision, reasons.isEmpty() ? "none" : reasons.get(0));
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus st, String json,
                             String requestId) {
        DecisionApiServer.send(ctx, req, st, JSON, json, List.of(), requestId, false);
    }
}
