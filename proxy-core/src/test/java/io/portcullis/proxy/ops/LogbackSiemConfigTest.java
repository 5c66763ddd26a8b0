package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import io.portcullis.proxy.observe.DecisionLog;
import io.portcullis.proxy.observe.DecisionRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/logback-siem.xml loaded by logback itself (a private LoggerContext, so the test JVM's own
 * logging is untouched): decision lines land in the rotating file as bare JSON, one per line, and
 * nothing else does.
 */
class LogbackSiemConfigTest {

    private static List<String> problems(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN).map(Status::toString).toList();
    }

    @Test
    void decisionsGoToTheFileAsBareJsonLinesAndNothingElseDoes(@TempDir Path dir) throws Exception {
        LoggerContext context = new LoggerContext();
        // What logback's SLF4J provider does for the global context; a private one must do it itself.
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("PORTCULLIS_LOG_DIR", dir.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(RepoFiles.path("docs/logback-siem.xml").toFile());
        assertEquals(List.of(), problems(context), "logback accepts the file without warnings");

        DecisionRecord record = DecisionRecord.builder().time(Instant.parse("2026-01-02T03:04:05Z")).requestId("req-1")
                .route("admin").method("GET").path("/admin").sourceIp("10.1.2.3").issuer("corp").subject("alice")
                .tokenRef("jti-1").deviceId("laptop-1").decision("allow").reasons(List.of("groups-authorized"))
                .policy("admins").rule("allow").status(200).decisionMicros(12).latencyMicros(345).build();
        String line = record.toJson();
        // Through a decision-log writer, as the proxy's lines go: it calls the appender and flushes it
        // after each batch.
        DecisionLog decisions = DecisionLog.writingTo(context.getLogger(DecisionLog.LOGGER_NAME));
        decisions.record(record);
        context.getLogger("io.portcullis.proxy.Portcullis").info("an operational message");
        // The file appender buffers (immediateFlush false); the writer flushes it after each batch, so
        // the line is in the file while logging runs, not only once it stops.
        Path file = dir.resolve("decisions.jsonl");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!(Files.exists(file) && Files.readString(file).contains("req-1")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(Files.readString(file).contains("req-1"), "the decision line was not flushed while running");
        decisions.close();
        context.stop();
        assertEquals(List.of(), problems(context), "logback appended without errors");

        List<String> written = Files.readAllLines(dir.resolve("decisions.jsonl"), StandardCharsets.UTF_8);
        assertEquals(1, written.size(), String.valueOf(written));
        String unsealed = line.substring(0, line.length() - 1);
        assertTrue(written.get(0).startsWith(unsealed + ",\"chain\":\""), "the record's line, sealed: " + written);
        assertFalse(written.stream().anyMatch(l -> l.contains("operational")), "other logs stay out of the file");
        assertTrue(line.startsWith("{\"time\":\"2026-01-02T03:04:05Z\""));
    }
}
