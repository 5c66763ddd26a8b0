package io.portcullis.proxy.observe;

import java.time.Instant;
import java.util.List;

/**
 * Everything one decision-log line says about one request, grouped the way the line reads. Never
 * holds a token: only the issuer, subject and a token reference (jti or hash). Built with
 * {@link #builder()}; a new field goes into one sub-record and the builder, never into a constructor
 * that callers use. The JSON ({@link #appendJson}) is a contract, documented in docs/decision-log.md
 * and hash-chained: its field names and order do not follow the grouping.
 *
 * @param time     when the request finished
 * @param request  what was asked, by whom on the network
 * @param identity who the credential said the caller is
 * @param decision what was decided and why
 * @param outcome  what was answered and how long it took
 * @param config   the config that decided
 */
public record DecisionRecord(Instant time, Request request, Identity identity, Decision decision, Outcome outcome,
                             Config config) {

    /** A line is 500-700 characters with a config hash; a builder this size rarely grows. */
    static final int TYPICAL_CHARS = 1024;

    /**
     * @param id       the request id ({@code request_id})
     * @param route    the matching route's id, {@code "-"} when none
     * @param method   the method as received
     * @param path     the canonical path, never the query
     * @param sourceIp the client address the policy saw
     * @param clientId the {@code X-Request-Id} a client that is not a trusted proxy sent, kept apart from
     *                 {@code id} (always ours for such clients), or null ({@code client_request_id})
     * @param via      how the question came when not as a proxied request ({@code forward-auth:nginx},
     *                 {@code authzen}), or null for the proxy's own requests (then the line has no
     *                 {@code via} field, as before)
     * @param traceId  the OpenTelemetry trace id of the request's span, or null when tracing is off (then
     *                 the line has no {@code trace_id} field)
     */
    public record Request(String id, String route, String method, String path, String sourceIp, String clientId,
                          String via, String traceId) {
        public static Request defaults() {
            return new Request(null, null, null, null, null, null, null, null);
        }
    }

    /**
     * @param issuer   the id of the issuer that vouched for the token
     * @param subject  the token's {@code sub}
     * @param tokenRef names the token without revealing it
     * @param deviceId the device id from the posture used
     */
    public record Identity(String issuer, String subject, String tokenRef, String deviceId) {
        private static final Identity NONE = new Identity(null, null, null, null);

        public static Identity defaults() {
            return NONE;
        }
    }

    /**
     * @param decision {@code allow}, {@code deny}, {@code challenge} or {@code reject}
     * @param reasons  stable reason codes, the deciding one first
     * @param policy   the route's policy
     * @param rule     which part of the policy decided
     * @param shadow   the route's shadow policy's verdict on the same facts, or null
     */
    public record Decision(String decision, List<String> reasons, String policy, String rule, ShadowResult shadow) {
        public static Decision defaults() {
            return new Decision(null, List.of(), null, null, null);
        }
    }

    /**
     * @param status         the HTTP status sent to the client
     * @param decisionMicros request head to decision
     * @param latencyMicros  request head to the end of the exchange
     */
    public record Outcome(int status, long decisionMicros, long latencyMicros) {
        public static Outcome defaults() {
            return new Outcome(0, 0, 0);
        }
    }

    /** @param sha256 SHA-256 of the config that decided, so a line can be tied to the exact policy */
    public record Config(String sha256) {
        public static Config defaults() {
            return new Config(null);
        }
    }

    /** A builder with every field at its default (null, no reasons, zero). */
    public static Builder builder() {
        return new Builder();
    }

    /** One JSON object on one line, fields in a fixed order so lines diff and grep well. */
    public String toJson() {
        return appendJson(new StringBuilder(TYPICAL_CHARS)).toString();
    }

    /** Appends {@link #toJson()}'s object to {@code sb} (the decision log's writer reuses one builder). */
    public StringBuilder appendJson(StringBuilder sb) {
        sb.append("{\"time\":");
        if (time == null) {
            sb.append("null");
        } else {
            IsoInstant.append(sb.append('"'), time).append('"');
        }
        field(sb, ",\"request_id\":", request.id());
        field(sb, ",\"route\":", request.route());
        field(sb, ",\"method\":", request.method());
        field(sb, ",\"path\":", request.path());
        field(sb, ",\"source_ip\":", request.sourceIp());
        if (request.via() != null) {
            field(sb, ",\"via\":", request.via());
        }
        field(sb, ",\"issuer\":", identity.issuer());
        field(sb, ",\"subject\":", identity.subject());
        field(sb, ",\"token_ref\":", identity.tokenRef());
        field(sb, ",\"device_id\":", identity.deviceId());
        field(sb, ",\"decision\":", decision.decision());
        sb.append(",\"reasons\":[");
        List<String> reasons = decision.reasons();
        for (int i = 0; i < reasons.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.quote(sb, reasons.get(i));
        }
        sb.append(']');
        field(sb, ",\"policy\":", decision.policy());
        field(sb, ",\"rule\":", decision.rule());
        sb.append(",\"status\":").append(outcome.status());
        sb.append(",\"decision_us\":").append(outcome.decisionMicros());
        sb.append(",\"latency_us\":").append(outcome.latencyMicros());
        field(sb, ",\"config_sha256\":", config.sha256());
        sb.append(",\"shadow\":");
        if (decision.shadow() == null) {
            sb.append("null");
        } else {
            decision.shadow().appendJson(sb);
        }
        field(sb, ",\"client_request_id\":", request.clientId());
        if (request.traceId() != null) {
            field(sb, ",\"trace_id\":", request.traceId());
        }
        return sb.append('}');
    }

    private static void field(StringBuilder sb, String nameAndColon, String value) {
        Json.quote(sb.append(nameAndColon), value);
    }

    /**
     * Collects a record's fields in any order. One setter per field; a new field is one more here and
     * one in its sub-record.
     */
    public static final class Builder {
        private Instant time;
        private String requestId;
        private String route;
        private String method;
        private String path;
        private String sourceIp;
        private String clientRequestId;
        private String via;
        private String traceId;
        private String issuer;
        private String subject;
        private String tokenRef;
        private String deviceId;
        private String decision;
        private List<String> reasons = List.of();
        private String policy;
        private String rule;
        private ShadowResult shadow;
        private int status;
        private long decisionMicros;
        private long latencyMicros;
        private String configSha256;

        private Builder() {
        }

        public Builder time(Instant value) {
            time = value;
            return this;
        }

        public Builder requestId(String value) {
            requestId = value;
            return this;
        }

        public Builder route(String value) {
            route = value;
            return this;
        }

        public Builder method(String value) {
            method = value;
            return this;
        }

        public Builder path(String value) {
            path = value;
            return this;
        }

        public Builder sourceIp(String value) {
            sourceIp = value;
            return this;
        }

        public Builder clientRequestId(String value) {
            clientRequestId = value;
            return this;
        }

        public Builder via(String value) {
            via = value;
            return this;
        }

        public Builder traceId(String value) {
            traceId = value;
            return this;
        }

        public Builder issuer(String value) {
            issuer = value;
            return this;
        }

        public Builder subject(String value) {
            subject = value;
            return this;
        }

        public Builder tokenRef(String value) {
            tokenRef = value;
            return this;
        }

        public Builder deviceId(String value) {
            deviceId = value;
            return this;
        }

        public Builder decision(String value) {
            decision = value;
            return this;
        }

        /** The list is kept as given: pass one nobody changes later (the line is written on another thread). */
        public Builder reasons(List<String> value) {
            reasons = value;
            return this;
        }

        public Builder policy(String value) {
            policy = value;
            return this;
        }

        public Builder rule(String value) {
            rule = value;
            return this;
        }

        public Builder shadow(ShadowResult value) {
            shadow = value;
            return this;
        }

        public Builder status(int value) {
            status = value;
            return this;
        }

        public Builder decisionMicros(long value) {
            decisionMicros = value;
            return this;
        }

        public Builder latencyMicros(long value) {
            latencyMicros = value;
            return this;
        }

        public Builder configSha256(String value) {
            configSha256 = value;
            return this;
        }

        public DecisionRecord build() {
            Identity who = issuer == null && subject == null && tokenRef == null && deviceId == null
                    ? Identity.defaults() : new Identity(issuer, subject, tokenRef, deviceId);
            return new DecisionRecord(time, new Request(requestId, route, method, path, sourceIp, clientRequestId, via, traceId), who,
                    new Decision(decision, reasons, policy, rule, shadow),
                    new Outcome(status, decisionMicros, latencyMicros), new Config(configSha256));
        }
    }
}
