package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What {@link DecisionWriter#accept} does with a record on the accepting thread (an event loop): its
 * JSON is written there, a record that cannot be written is reported and leaves no line and no link in
 * the chain, and a line of any length is written whole.
 */
class DecisionWriterRecordTest {

    private ByteArrayOutputStream output;
    private BundledDecisionLog bundled;
    private DecisionWriter writer;
    private DecisionLog log;
    private ListAppender<ILoggingEvent> proxyLog;

    @BeforeEach
    void setUp() {
        output = new ByteArrayOutputStream();
        bundled = BundledDecisionLog.writingTo(output, "decision-log-writer-record-test");
        writer = bundled.writer();
        log = bundled.log();
        proxyLog = new ListAppender<>();
        proxyLog.start();
        ((Logger) LoggerFactory.getLogger(DecisionLog.class)).addAppender(proxyLog);
    }

    @AfterEach
    void tearDown() throws Exception {
        ((Logger) LoggerFactory.getLogger(DecisionLog.class)).detachAppender(proxyLog);
        bundled.close();
    }

    private static DecisionRecord.Builder record(String id, String path) {
        return DecisionRecord.builder().time(Instant.parse("2026-12-08T02:00:00Z")).requestId(id).route("app")
                .method("GET").path(path).sourceIp("10.0.0.1").issuer("corp").subject("alice").tokenRef("jti-1")
                .decision("allow").reasons(List.of("public")).policy("public").rule("allow").status(200)
                .decisionMicros(12).latencyMicros(345).configSha256("0".repeat(64));
    }

    private List<String> lines() throws InterruptedException {
        assertTrue(writer.drain(Duration.ofSeconds(10)), "the writer did not drain");
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    @Test
    void aRecordWhoseJsonCannotBeWrittenIsReportedAndLeavesNoLineNorLink() throws Exception {
        // A null reason list is not something the proxy builds; it stands for any record the JSON fails on.
        DecisionRecord broken = record("r-broken", "/app").reasons(null).build();
        assertDoesNotThrow(() -> log.record(broken), "the request's thread must not see the failure");
        DecisionRecord good = record("r-good", "/app").build();
        log.record(good);

        List<String> lines = lines();
        assertEquals(1, lines.size(), "only the good record is a line: " + lines);
        DecisionChain.Unsealed line = DecisionChain.unseal(lines.get(0));
        assertNotNull(line);
        assertEquals(good.toJson(), line.json());
        // The broken record advanced nothing: the good line is the first link of the chain.
        assertEquals(DecisionChain.link("", good.toJson()), line.chain());
        assertEquals(0, writer.pending());
        assertTrue(proxyLog.list.stream().anyMatch(e -> e.getLevel() == Level.ERROR
                        && e.getFormattedMessage().contains("r-broken")),
                "the failure names the request in the proxy's log");
    }

    @Test
    void aLineLongerThanTheKeptBuilderAndTheOutputBufferIsWrittenWholeAndSoIsTheNextOne() throws Exception {
        DecisionRecord huge = record("r-huge", "/" + "a".repeat(BufferedStdoutAppender.BUFFER_BYTES + 10_000)).build();
        DecisionRecord next = record("r-next", "/app").build();
        log.record(huge);
        log.record(next);

        List<String> lines = lines();
        assertEquals(2, lines.size());
        DecisionChain.Unsealed first = DecisionChain.unseal(lines.get(0));
        DecisionChain.Unsealed second = DecisionChain.unseal(lines.get(1));
        assertEquals(huge.toJson(), first.json());
        assertEquals(next.toJson(), second.json());
        assertEquals(DecisionChain.link(first.chain(), next.toJson()), second.chain());
    }
}
