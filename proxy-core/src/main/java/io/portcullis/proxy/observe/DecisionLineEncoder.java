package io.portcullis.proxy.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a decision line as it is: the message's UTF-8 bytes and a {@code \n}. What
 * {@code <pattern>%msg%n</pattern>} writes, without the pattern layout's builder and string copies
 * (a decision line was copied five times on its way out, most of a request's garbage), and always in
 * UTF-8, the encoding the hash chain is computed over, whatever the platform's default charset.
 */
public final class DecisionLineEncoder extends EncoderBase<ILoggingEvent> {

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return utf8Line(event.getFormattedMessage());
    }

    /** {@code message}'s UTF-8 bytes and a {@code \n}. */
    static byte[] utf8Line(String message) {
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        byte[] line = Arrays.copyOf(utf8, utf8.length + 1);
        line[utf8.length] = '\n';
        return line;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
