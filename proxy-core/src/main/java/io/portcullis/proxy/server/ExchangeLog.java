package io.portcullis.proxy.server;

import io.portcullis.identity.Identity;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.observe.DecisionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The one decision line (and the request metric) of an ended {@link Exchange}. The decision says what
 * access control concluded (allow, deny, challenge, or reject for requests refused before a decision);
 * the reasons say why, and for an allowed request that then failed, what failed. A response cut after
 * the client got part of it carries {@value #RESPONSE_CUT} after its reason, and its status is the one
 * the client received.
 */
final class ExchangeLog {

    /** The reason added to the line of a response cut after the client began to receive it. */
    static final String RESPONSE_CUT = "response-cut";

    private ExchangeLog() {
    }

    static void record(Exchange ex) {
        long latency = (System.nanoTime() - ex.startNanos) / 1000;
        String routeId = ex.route == null ? "-" : ex.route.id();
        Verdict v = ex.verdict;
        String decision;
        List<String> reasons;
        if (v != null && v.kind() == Verdict.Kind.FORWARD) {
            decision = "allow";
            reasons = ex.failureReason == null ? v.reasons() : List.of(ex.failureReason);
        } else if (v != null && v.kind() == Verdict.Kind.CHALLENGE) {
            decision = "challenge";
            reasons = v.reasons();
        } else if (v != null && (v.kind() == Verdict.Kind.UNAUTHENTICATED || v.kind() == Verdict.Kind.FORBIDDEN)) {
            decision = "deny";
            reasons = v.reasons();
        } else {
            decision = "reject";
            reasons = ex.failureReason == null ? List.of("unknown") : List.of(ex.failureReason);
        }
        boolean cut = ex.failureReason != null && ex.endedIn != null && ex.endedIn.responseStarted();
        List<String> allReasons = reasons;
        if (cut || (v != null && v.postureProblem() != null)) {
            allReasons = new ArrayList<>(reasons);
            if (cut) {
                allReasons.add(RESPONSE_CUT);
            }
            if (v != null && v.postureProblem() != null) {
                allReasons.add(v.postureProblem());
            }
        }
        Identity id = v == null ? null : v.identity();
        String policy = v != null && v.decision() != null ? v.decision().policy()
                : (ex.route == null ? null : ex.route.config().access().policy());
        String rule = v != null && v.decision() != null ? v.decision().rule() : null;
        String deviceId = v != null && v.posture() != null ? v.posture().deviceId() : null;
        // Counted before the line is queued: whoever has read the line finds the request in the metrics.
        ex.shared.metrics().request(routeId, decision, reasons.isEmpty() ? "none" : reasons.get(0));
        ex.shared.decisions().record(DecisionRecord.builder().time(ex.shared.clock().instant())
                .requestId(ex.requestId).clientRequestId(ex.clientRequestId).route(routeId)
                .method(ex.request.method().name()).path(ex.path).sourceIp(ex.sourceIp)
                .issuer(id == null ? null : id.issuerId()).subject(id == null ? null : id.subject())
                .tokenRef(id == null ? null : id.tokenRef()).deviceId(deviceId)
                .decision(decision).reasons(allReasons).policy(policy).rule(rule).shadow(ex.shadow).status(ex.status)
                .decisionMicros(ex.decisionNanos / 1000).latencyMicros(latency).configSha256(ex.rc.config().sha256())
                .traceId(ex.trace.traceId()).build());
        ex.trace.end(routeId, ex.requestId, decision, allReasons, ex.status, ex.failureReason);
    }
}
