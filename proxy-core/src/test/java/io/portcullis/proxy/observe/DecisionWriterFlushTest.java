package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DecisionWriter#drain} returns only once every line is in the output, not when the lines were
 * handed to a buffered appender; and lines reach the output without a drain.
 */
class DecisionWriterFlushTest {

    private HeldOutput output;
    private BundledDecisionLog bundled;
    private DecisionWriter writer;
    private DecisionLog log;

    @BeforeEach
    void setUp() {
        output = new HeldOutput();
        bundled = BundledDecisionLog.writingTo(output, "decision-log-writer-flush-test");
        writer = bundled.writer();
        log = bundled.log();
    }

    @AfterEach
    void tearDown() throws Exception {
        output.release(); // a failed test must not leave the writer stuck in a write
        bundled.close();
    }

    private static DecisionRecord record(int i) {
        return DecisionRecord.builder().time(Instant.now()).requestId("r-" + i).route("app").method("GET")
                .path("/app/" + i).sourceIp("10.0.0.1").issuer("corp").subject("alice").tokenRef("jti-" + i)
                .decision("allow").reasons(List.of("public")).policy("public").rule("allow").status(200)
                .decisionMicros(12).latencyMicros(345).configSha256("0".repeat(64)).build();
    }

    @Test
    void aDrainReturnsOnlyOnceEveryLineIsInTheOutput() throws Exception {
        for (int i = 0; i < 100; i++) {
            log.record(record(i));
        }
        assertTrue(writer.drain(Duration.ofSeconds(10)));
        // Read at once, no waiting: what drain promised is already there.
        assertEquals(100, output.lines());
    }

    @Test
    void linesReachTheOutputWithoutADrain() throws Exception {
        for (int i = 0; i < 10; i++) {
            log.record(record(i));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (output.lines() < 10 && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        assertEquals(10, output.lines(), "lines left in the appender's buffer");
    }

    @Test
    void aDrainWaitsForAFlushThatIsStillUnderWay() throws Exception {
        output.blockWrites();
        log.record(record(1));
        assertTrue(output.awaitBlockedWrite(Duration.ofSeconds(10)), "the writer never flushed");
        // The line was handed to the appender and its flush is stuck in the output: not drained yet.
        assertFalse(writer.drain(Duration.ofMillis(300)));
        output.release();
        assertTrue(writer.drain(Duration.ofSeconds(10)));
        assertEquals(1, output.lines());
    }

    /** Keeps the bytes written to it; can hold its writers until released, as a stuck pipe would. */
    private static final class HeldOutput extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private final CountDownLatch blocked = new CountDownLatch(1);

        void blockWrites() {
            gate = new CountDownLatch(1);
        }

        boolean awaitBlockedWrite(Duration timeout) throws InterruptedException {
            return blocked.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void release() {
            gate.countDown();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            blocked.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
        }

        long lines() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
            }
        }
    }
}
