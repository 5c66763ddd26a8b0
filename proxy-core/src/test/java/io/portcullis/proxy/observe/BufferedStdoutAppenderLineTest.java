package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@link BufferedStdoutAppenderTest} case again with {@link DecisionLineEncoder}, whose lines the
 * appender encodes straight into its buffer, and text that is not ASCII.
 */
class BufferedStdoutAppenderLineTest extends BufferedStdoutAppenderTest {

    @Override
    Encoder<ILoggingEvent> encoder(LoggerContext context) {
        DecisionLineEncoder encoder = new DecisionLineEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    @Test
    void linesThatAreNotAsciiAreWrittenInUtf8InTheirPlace() throws Exception {
        startWithWriterAsleep();
        String[] lines = {"{\"a\":1}", "{\"subject\":\"jos\u00e9\"}", "{\"p\":\"/\u20ac/\uD83D\uDE00\"}", "{\"x\":\"\uD800\"}",
            "{\"b\":2}"};
        StringBuilder expected = new StringBuilder();
        for (String line : lines) {
            logger.info(line);
            // What the JDK's encoder makes of each line, a lone surrogate included ('?').
            expected.append(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).append('\n');
        }
        async.stop();
        assertEquals(List.of(expected.toString()), target.writes());
    }
}
