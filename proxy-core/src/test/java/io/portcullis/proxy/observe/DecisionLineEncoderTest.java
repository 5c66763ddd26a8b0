package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecisionLineEncoderTest {

    private static LoggingEvent event(String message, Object... arguments) {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger(DecisionLog.LOGGER_NAME);
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, arguments);
    }

    @Test
    void aLineIsItsMessageInUtf8AndOneNewline() {
        String line = "{\"subject\":\"jos\u00e9\",\"path\":\"/\u20ac/\uD83D\uDE00\"}";

        byte[] encoded = new DecisionLineEncoder().encode(event(line));

        assertArrayEquals((line + "\n").getBytes(StandardCharsets.UTF_8), encoded);
    }

    @Test
    void theMessageIsTheFormattedOneAsPercentMsgWrites() {
        byte[] encoded = new DecisionLineEncoder().encode(event("{\"n\":{}}", 7));

        assertArrayEquals("{\"n\":7}\n".getBytes(StandardCharsets.UTF_8), encoded);
    }

    @Test
    void aFileGetsNoHeaderOrFooter() {
        DecisionLineEncoder encoder = new DecisionLineEncoder();

        assertNull(encoder.headerBytes());
        assertNull(encoder.footerBytes());
    }
}
