package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.policy.ShadowComparison;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision line's JSON, byte for byte: a contract (docs/decision-log.md) and hash-chained. */
class DecisionRecordJsonTest {

    @Test
    void everyFieldInItsPlace() {
        DecisionRecord record = DecisionRecord.builder().time(Instant.parse("2026-01-02T03:04:05.123456789Z"))
                .requestId("r-1").route("admin").method("GET").path("/admin/x").sourceIp("10.0.0.1")
                .issuer("corp").subject("alice").tokenRef("jti-1").deviceId("dev-1")
                .decision("allow").reasons(List.of("groups-authorized", "device-ok")).policy("admins").rule("allow")
                .shadow(new ShadowResult("next", "deny", ShadowComparison.WOULD_DENY))
                .status(200).decisionMicros(12).latencyMicros(345).configSha256("ab12").build();
        assertEquals("{\"time\":\"2026-01-02T03:04:05.123456789Z\",\"request_id\":\"r-1\",\"route\":\"admin\","
                + "\"method\":\"GET\",\"path\":\"/admin/x\",\"source_ip\":\"10.0.0.1\",\"issuer\":\"corp\","
                + "\"subject\":\"alice\",\"token_ref\":\"jti-1\",\"device_id\":\"dev-1\",\"decision\":\"allow\","
                + "\"reasons\":[\"groups-authorized\",\"device-ok\"],\"policy\":\"admins\",\"rule\":\"allow\","
                + "\"status\":200,\"decision_us\":12,\"latency_us\":345,\"config_sha256\":\"ab12\","
                + "\"shadow\":{\"policy\":\"next\",\"decision\":\"deny\",\"agree\":false,\"kind\":\"would-deny\"}}",
                record.toJson());
    }

    @Test
    void absentValuesAreNull() {
        DecisionRecord record = DecisionRecord.builder().requestId("r-2").route("-").sourceIp("")
                .decision("reject").reasons(List.of("malformed-request")).status(400).build();
        assertEquals("{\"time\":null,\"request_id\":\"r-2\",\"route\":\"-\",\"method\":null,\"path\":null,"
                + "\"source_ip\":\"\",\"issuer\":null,\"subject\":null,\"token_ref\":null,\"device_id\":null,"
                + "\"decision\":\"reject\",\"reasons\":[\"malformed-request\"],\"policy\":null,\"rule\":null,"
                + "\"status\":400,\"decision_us\":0,\"latency_us\":0,\"config_sha256\":null,\"shadow\":null}",
                record.toJson());
    }

    @Test
    void subRecordDefaultsAreAllAbsent() {
        DecisionRecord record = new DecisionRecord(null, DecisionRecord.Request.defaults(),
                DecisionRecord.Identity.defaults(), DecisionRecord.Decision.defaults(),
                DecisionRecord.Outcome.defaults(), DecisionRecord.Config.defaults());
        assertEquals(DecisionRecord.builder().build(), record);
        assertEquals("{\"time\":null,\"request_id\":null,\"route\":null,\"method\":null,\"path\":null,"
                + "\"source_ip\":null,\"issuer\":null,\"subject\":null,\"token_ref\":null,\"device_id\":null,"
                + "\"decision\":null,\"reasons\":[],\"policy\":null,\"rule\":null,\"status\":0,\"decision_us\":0,"
                + "\"latency_us\":0,\"config_sha256\":null,\"shadow\":null}", record.toJson());
    }
}
