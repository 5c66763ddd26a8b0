package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.tools.LogVerification;
import io.portcullis.proxy.tools.LogVerifier;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled logback chain (the writer thread calling the buffered stdout appender, the
 * decision-line encoder) writing into a real OS pipe whose reader does not read at first and then reads slowly:
 * threads recording decisions never wait for it, every line arrives, each thread's lines in its
 * order, and the whole output verifies as one hash chain.
 */
class DecisionLogSlowOutputTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 5_000;

    private Pipe pipe;
    private BundledDecisionLog bundled;
    private DecisionLog log;

    @BeforeEach
    void setUp() throws Exception {
        pipe = Pipe.open();
        bundled = BundledDecisionLog.writingTo(Channels.newOutputStream(pipe.sink()), "decision-log-writer-test");
        log = bundled.log();
    }

    @AfterEach
    void tearDown() throws Exception {
        bundled.close();
        pipe.sink().close();
        pipe.source().close();
    }

    private static DecisionRecord record(int thread, int i) {
        return DecisionRecord.builder().time(Instant.now()).requestId("t" + thread + "-" + i).route("app")
                .method("GET").path("/app/" + i).sourceIp("10.0.0." + thread).issuer("corp").subject("alice")
                .tokenRef("jti-" + i).decision("allow").reasons(List.of("public")).policy("public").rule("allow")
                .status(200).decisionMicros(12).latencyMicros(345).configSha256("0".repeat(64)).build();
    }

    @Test
    void recordNeverWaitsForTheReaderAndEveryLineArrivesChained() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread producer = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        log.record(record(thread, i));
                    }
                    done.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "producer-" + t);
            producer.setDaemon(true);
            producer.start();
        }
        go.countDown();
        // Nobody reads the pipe yet: its 64 KiB, the appender's buffer and queue hold a fraction of
        // the lines, so a record() that waited for room would never return.
        assertTrue(done.await(60, TimeUnit.SECONDS), "record() waited for the output");
        assertTrue(bundled.writer().pending() > 0, "the output really was full while the producers returned");

        List<String> lines = readSlowly(pipe.source(), THREADS * PER_THREAD);
        assertTrue(bundled.writer().drain(Duration.ofSeconds(10)));
        assertEquals(0, bundled.writer().pending());
        assertEquals(THREADS * PER_THREAD, lines.size());
        Map<Integer, Integer> next = new HashMap<>();
        for (String line : lines) {
            int id = line.indexOf("\"request_id\":\"t") + 15;
            String[] parts = line.substring(id, line.indexOf('"', id)).split("-");
            int thread = Integer.parseInt(parts[0]);
            int expected = next.getOrDefault(thread, 0);
            assertEquals(expected, Integer.parseInt(parts[1]), "thread " + thread + "'s lines in its order");
            next.put(thread, expected + 1);
        }
        LogVerification verification = LogVerifier.verify(lines, "");
        assertNull(verification.problem(), verification.toString());
        assertEquals(List.of(1), verification.chainStarts(), "one chain from the first line on");
    }

    /** Reads {@code count} lines from the pipe a little at a time, pausing between reads. */
    private static List<String> readSlowly(Pipe.SourceChannel source, int count) throws Exception {
        List<String> lines = new ArrayList<>(count);
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        InputStream in = Channels.newInputStream(source);
        while (lines.size() < count) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    partial.write(chunk, start, i - start);
                    lines.add(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                    start = i + 1;
                }
            }
            partial.write(Arrays.copyOfRange(chunk, start, n));
            Thread.sleep(1);
        }
        return lines;
    }
}
