package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;

/**
 * The writer hands lines straight to the bundled appender only when the logger does nothing else with
 * them; a filter, a second appender or a turbo filter in an operator's logback config still sees every
 * line, as it did when each line went through the logger.
 */
class DecisionWriterAppenderTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final BundledDecisionLog running = BundledDecisionLog.writingTo(output, "decision-log-writer-appender-test");
    private final BundledDecisionLogger bundled = running.bundled();
    private final DecisionWriter writer = running.writer();
    private final DecisionLog log = running.log();

    @AfterEach
    void tearDown() throws Exception {
        running.close();
    }

    private static DecisionRecord record(String path) {
        return DecisionRecord.builder().time(Instant.parse("2026-12-08T02:00:00Z")).requestId("r").route("app")
                .method("GET").path(path).sourceIp("10.0.0.1").issuer("corp").subject("alice").tokenRef("jti-1")
                .decision("allow").reasons(List.of("public")).policy("public").rule("allow").status(200)
                .decisionMicros(12).latencyMicros(345).configSha256("0".repeat(64)).build();
    }

    private List<String> paths() throws InterruptedException {
        assertTrue(writer.drain(Duration.ofSeconds(10)), "the writer did not drain");
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        return text.lines().map(line -> line.replaceAll(".*\"path\":\"([^\"]*)\".*", "$1")).toList();
    }

    @Test
    void theBundledConfigWritesEveryLineInOrder() throws Exception {
        for (int i = 0; i < 5; i++) {
            log.record(record("/app/" + i));
        }
        assertEquals(List.of("/app/0", "/app/1", "/app/2", "/app/3", "/app/4"), paths());
    }

    @Test
    void aFilterOnTheAppenderStillDecides() throws Exception {
        Filter<ILoggingEvent> dropHealth = new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                return event.getFormattedMessage().contains("\"path\":\"/health\"") ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        };
        dropHealth.start();
        bundled.logger().getAppender("stdout").addFilter(dropHealth);

        log.record(record("/app"));
        log.record(record("/health"));
        log.record(record("/app/next"));

        assertEquals(List.of("/app", "/app/next"), paths(), "the filter's denied line reached the output");
    }

    @Test
    void aSecondAppenderGetsEveryLineToo() throws Exception {
        ListAppender<ILoggingEvent> siem = new ListAppender<>();
        siem.setContext(bundled.context());
        siem.start();
        bundled.logger().addAppender(siem);

        log.record(record("/app/a"));
        log.record(record("/app/b"));

        assertEquals(List.of("/app/a", "/app/b"), paths());
        assertEquals(2, siem.list.size(), "the second appender missed lines");
    }

    @Test
    void aTurboFilterStillDecides() throws Exception {
        TurboFilter denyAll = new TurboFilter() {
            @Override
            public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, ch.qos.logback.classic.Level level,
                                      String format, Object[] params, Throwable t) {
                return format != null && format.contains("\"path\":\"/secret\"") ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        };
        denyAll.start();
        bundled.context().addTurboFilter(denyAll);

        log.record(record("/secret"));
        log.record(record("/app"));

        assertEquals(List.of("/app"), paths(), "the turbo filter's denied line reached the output");
    }
}
