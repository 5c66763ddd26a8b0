package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped logback-json.xml ({@code --log-format json}) loaded by logback itself in a private
 * context: each operational log line on stderr is one JSON object with the level, the logger and the
 * message, quotes and newlines escaped.
 */
class LogbackJsonConfigTest {

    @Test
    void operationalLogsAreOneJsonObjectPerLine() throws Exception {
        URL config = getClass().getClassLoader().getResource("logback-json.xml");
        assertTrue(config != null, "logback-json.xml ships in the jar");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            // ConsoleAppender takes System.err when it starts: redirect it first.
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
            context.getLogger("io.portcullis.proxy.Portcullis").warn("config \"a.yaml\" refused:\nline 2");
            context.getLogger("io.portcullis.proxy.Portcullis").debug("not at INFO");
            context.stop();
        } finally {
            System.setErr(original);
        }
        assertEquals(List.of(), context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.WARN).map(Status::toString).toList(), "logback accepts the file");
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), "one line per event, DEBUG left out: " + lines);
        Map<String, Object> event = JSONObjectUtils.parse(lines.get(0));
        assertEquals("WARN", event.get("level"));
        assertEquals("io.portcullis.proxy.Portcullis", event.get("loggerName"));
        assertEquals("config \"a.yaml\" refused:\nline 2", event.get("message"));
        assertTrue(event.get("timestamp") instanceof Number, "a timestamp: " + event);
    }
}
