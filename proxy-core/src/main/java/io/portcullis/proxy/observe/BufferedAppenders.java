package io.portcullis.proxy.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.BiConsumer;

/**
 * Ends a batch of decision lines: a stream appender set not to flush per line ({@code immediateFlush
 * false}, as {@link BufferedStdoutAppender} is) writes the whole batch now, one write(2) instead of one
 * per line, and no line waits in its buffer longer than the batch did in the queue.
 */
final class BufferedAppenders {

    private BufferedAppenders() {
    }

    /** Flushes every started stream appender in {@code appenders} that does not flush per line. */
    static void flush(Iterator<Appender<ILoggingEvent>> appenders, BiConsumer<String, IOException> onError) {
        while (appenders.hasNext()) {
            if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> stream && !stream.isImmediateFlush()
                    && stream.isStarted()) {
                try {
                    stream.getOutputStream().flush();
                } catch (IOException e) {
                    onError.accept("flushing " + stream.getName() + " failed", e);
                }
            }
        }
    }
}
