package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind the polling appender, a batch of lines reaches the stream as one write, never split; with
 * the pattern {@code %msg%n} here, with {@link DecisionLineEncoder} in {@link BufferedStdoutAppenderLineTest}.
 */
class BufferedStdoutAppenderTest {

    final RecordingStream target = new RecordingStream();
    LoggerContext context;
    PollingAsyncAppender async;
    Logger logger;

    /** The encoder under test. */
    Encoder<ILoggingEvent> encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        return encoder;
    }

    @BeforeEach
    void setUp() {
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        Encoder<ILoggingEvent> encoder = encoder(context);
        BufferedStdoutAppender stdout = new BufferedStdoutAppender(target);
        stdout.setContext(context);
        stdout.setName("stdout");
        stdout.setEncoder(encoder);
        stdout.start();
        async = new PollingAsyncAppender();
        async.setContext(context);
        async.setName("decisions");
        async.addAppender(stdout);
        logger = context.getLogger("decisions");
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(async);
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    /** Starts the polling appender and waits until its writer has found the queue empty and sleeps. */
    void startWithWriterAsleep() throws InterruptedException {
        async.setPollMillis(3_600_000);
        async.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean asleep = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("decision-log-writer-decisions")
                            && t.getState() == Thread.State.TIMED_WAITING);
            if (asleep) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the writer never went to sleep");
    }

    @Test
    void aQueuedBatchIsOneWrite() throws Exception {
        startWithWriterAsleep(); // it sleeps until stop: all 100 lines are one batch
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            logger.info("{\"n\":{}}", i);
            expected.append("{\"n\":").append(i).append("}\n");
        }
        async.stop();
        assertEquals(List.of(expected.toString()), target.writes());
        assertFalse(target.closed, "stopping must leave the process's stdout open");
    }

    @Test
    void aLineIsWrittenWhileRunningNotOnlyAtStop() throws Exception {
        async.setPollMillis(1);
        async.start();
        logger.info("one");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (target.writes().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(List.of("one\n"), target.writes());
    }

    @Test
    void writesEndOnLineBoundariesWhenABatchOverflowsTheBuffer() throws Exception {
        startWithWriterAsleep();
        String big = "x".repeat(9_000);
        String huge = "y".repeat(BufferedStdoutAppender.BUFFER_BYTES + 10);
        for (int i = 0; i < 20; i++) {
            logger.info(i == 7 ? huge : big);
        }
        async.stop();
        List<String> writes = target.writes();
        assertTrue(writes.size() > 1, "20 x 9 KB does not fit one 64 KiB buffer");
        StringBuilder all = new StringBuilder();
        for (String w : writes) {
            assertTrue(w.endsWith("\n"), "a write ended inside a line");
            all.append(w);
        }
        assertEquals(20, all.toString().split("\n").length);
        assertTrue(writes.contains(huge + "\n"), "a line larger than the buffer is written whole");
    }

    /** Keeps each write call's bytes. */
    static final class RecordingStream extends OutputStream {
        private final List<String> writes = new ArrayList<>();
        private volatile boolean closed;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
        }

        synchronized List<String> writes() {
            return List.copyOf(writes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
