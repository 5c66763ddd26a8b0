package io.portcullis.proxy.observe;

import java.time.Instant;
import java.util.List;

/**
 * Everything one decision-log line says about one request. Never holds a token: only the issuer,
 * subject and a token reference (jti or hash).
 *
 * @param configSha256 SHA-256 of the config that decided, so a line can be tied to the exact policy
 * @param shadow       the route's shadow policy's verdict on the same facts, or null
 * @param clientRequestId the {@code X-Request-Id} a client that is not a trusted proxy sent, kept apart
 *                     from {@code requestId} (always ours for such clients), or null
 */
public record DecisionRecord(
        Instant time,
        String requestId,
        String route,
        String method,
        String path,
        String sourceIp,
        String issuer,
        String subject,
        String tokenRef,
        String deviceId,
        String decision,
        List<String> reasons,
        String policy,
        String rule,
        int status,
        long decisionMicros,
        long latencyMicros,
        String configSha256,
        ShadowResult shadow,
        String clientRequestId) {

    /** A line is 500-700 characters with a config hash; a builder this size rarely grows. */
    static final int TYPICAL_CHARS = 1024;

    /** A record without a client-supplied request id. */
    public DecisionRecord(Instant time, String requestId, String route, String method, String path, String sourceIp,
                          String issuer, String subject, String tokenRef, String deviceId, String decision,
                          List<String> reasons, String policy, String rule, int status, long decisionMicros,
                          long latencyMicros, String configSha256, ShadowResult shadow) {
        this(time, requestId, route, method, path, sourceIp, issuer, subject, tokenRef, deviceId, decision, reasons,
                policy, rule, status, decisionMicros, latencyMicros, configSha256, shadow, null);
    }

    /** A record without a shadow verdict. */
    public DecisionRecord(Instant time, String requestId, String route, String method, String path, String sourceIp,
                          String issuer, String subject, String tokenRef, String deviceId, String decision,
                          List<String> reasons, String policy, String rule, int status, long decisionMicros,
                          long latencyMicros, String configSha256) {
        this(time, requestId, route, method, path, sourceIp, issuer, subject, tokenRef, deviceId, decision, reasons,
                policy, rule, status, decisionMicros, latencyMicros, configSha256, null, null);
    }

    /** A record without the config hash (kept for callers written before it existed). */
    public DecisionRecord(Instant time, String requestId, String route, String method, String path, String sourceIp,
                          String issuer, String subject, String tokenRef, String deviceId, String decision,
                          List<String> reasons, String policy, String rule, int status, long decisionMicros,
                          long latencyMicros) {
        this(time, requestId, route, method, path, sourceIp, issuer, subject, tokenRef, deviceId, decision, reasons,
                policy, rule, status, decisionMicros, latencyMicros, null, null, null);
    }

    /** One JSON object on one line, fields in a fixed order so lines diff and grep well. */
    public String toJson() {
        return appendJson(new StringBuilder(TYPICAL_CHARS)).toString();
    }

    /** Appends {@link #toJson()}'s object to {@code sb} (the decision log reuses one builder per thread). */
    public StringBuilder appendJson(StringBuilder sb) {
        sb.append("{\"time\":");
        if (time == null) {
            sb.append("null");
        } else {
            IsoInstant.append(sb.append('"'), time).append('"');
        }
        sb.append(",\"request_id\":");
        Json.quote(sb, requestId);
        sb.append(",\"route\":");
        Json.quote(sb, route);
        sb.append(",\"method\":");
        Json.quote(sb, method);
        sb.append(",\"path\":");
        Json.quote(sb, path);
        sb.append(",\"source_ip\":");
        Json.quote(sb, sourceIp);
        sb.append(",\"issuer\":");
        Json.quote(sb, issuer);
        sb.append(",\"subject\":");
        Json.quote(sb, subject);
        sb.append(",\"token_ref\":");
        Json.quote(sb, tokenRef);
        sb.append(",\"device_id\":");
        Json.quote(sb, deviceId);
        sb.append(",\"decision\":");
        Json.quote(sb, decision);
        sb.append(",\"reasons\":[");
        for (int i = 0; i < reasons.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.quote(sb, reasons.get(i));
        }
        sb.append("],\"policy\":");
        Json.quote(sb, policy);
        sb.append(",\"rule\":");
        Json.quote(sb, rule);
        sb.append(",\"status\":").append(status);
        sb.append(",\"decision_us\":").append(decisionMicros);
        sb.append(",\"latency_us\":").append(latencyMicros);
        sb.append(",\"config_sha256\":");
        Json.quote(sb, configSha256);
        sb.append(",\"shadow\":");
        if (shadow == null) {
            sb.append("null");
        } else {
            shadow.appendJson(sb);
        }
        sb.append(",\"client_request_id\":");
        Json.quote(sb, clientRequestId);
        return sb.append('}');
    }
}
