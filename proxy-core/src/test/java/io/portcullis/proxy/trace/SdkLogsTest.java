package io.portcullis.proxy.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A collector that cannot be reached is a line of our own log, through SLF4J, not a JUL console line. */
class SdkLogsTest {

    @Test
    void aFailedExportIsLoggedThroughSlf4j() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Logger otel = (Logger) LoggerFactory.getLogger("io.opentelemetry");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        otel.addAppender(events);
        try {
            Tracing tracing = Tracing.start(new TracingSettings(true, URI.create("http://127.0.0.1:" + closedPort
                    + "/v1/traces"), 1.0, "t", Map.of("x-api-key", "never-logged-key")), "test");
            RequestSpan span = tracing.begin(new DefaultHttpHeaders(), false, "GET", "http", "/", "127.0.0.1");
            span.end("-", "r", "reject", List.of("no-route"), 404, null);
            tracing.close(); // exports what is queued: the connection is refused
        } finally {
            otel.detachAppender(events);
        }
        List<String> lines = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Failed to export")), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.contains("never-logged-key")), lines.toString());
    }
}
