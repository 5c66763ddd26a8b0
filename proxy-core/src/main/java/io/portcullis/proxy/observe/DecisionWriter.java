package io.portcullis.proxy.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that seals decision lines and hands them to the logger. An event loop writes its
 * {@link DecisionRecord}'s JSON itself and adds the text to a lock-free queue ({@link #accept}: no lock,
 * no wait, no wake-up); this thread takes the lines in order, seals each into the {@link DecisionChain}
 * and logs it. The chain's order is the written order because one thread does both, so the lock that
 * used to serialise every event loop around the logger is gone, and so is the loop's wait when the
 * output is slow: only this thread waits for stdout or a disk.
 *
 * <p><b>Why the loop writes the JSON.</b> The record's strings were made by the request the loop has
 * just served and are still in its core's cache; this thread, waking a batch later, had to fetch every
 * one of them again, and writing the JSON here cost it more than writing it on the loop costs the loop
 * (the load harness's per-thread CPU, {@code loop_ms} and {@code writer_ms}). The queue then holds one
 * compact string per line instead of a record's object graph.
 *
 * <p>With the bundled logback.xml, where the logger does nothing but hand each line to
 * {@link BufferedStdoutAppender}, a line goes to that appender straight; any other config (a filter, a
 * second appender, a turbo filter) gets every line through the logger.
 *
 * <p><b>At capacity.</b> No line is dropped and no event loop waits, so the queue has no bound on its
 * count: a record is a few hundred bytes of strings the request already made, bounded by the request
 * head limits. {@link #pending()} (the gauge {@code portcullis_decision_log_pending}) says how far the
 * output is behind, and a warning goes to the proxy's log when it passes {@value #WARN_PENDING} lines
 * (and a note when it is caught up again). A bounded queue would have to drop evidence or block a
 * loop; pausing client reads instead would stop the whole listener behind one slow pipe.
 *
 * <p>Like {@link PollingAsyncAppender}, the thread polls rather than being woken per line (a wake-up
 * per line was most of the event loop's logging cost): it drains what is queued, flushes buffered
 * stream appenders of the logger once per batch, and sleeps {@value #BUSY_POLL_MILLIS} ms when it
 * found nothing ({@value #IDLE_POLL_MILLIS} ms after a quiet second).
 */
final class DecisionWriter {

    private static final Logger OPS = LoggerFactory.getLogger(DecisionLog.class);

    static final int BUSY_POLL_MILLIS = 2;
    static final int IDLE_POLL_MILLIS = 100;
    /** The backlog, in lines, past which the proxy's log says the decision output is behind. */
    static final long WARN_PENDING = 50_000;
    /** A batch is flushed at least this often, so a steady stream of lines never sits in a buffer. */
    private static final int FLUSH_EVERY = 512;
    /** The builder is not kept after a line this long (a huge path), to not hold its memory for ever. */
    private static final int RETAINED_CHARS = 16 * 1024;

    private final Logger log;
    /** Each accepting thread's builder for the JSON, reused: a line's text is then its one allocation. */
    private static final ThreadLocal<StringBuilder> JSON =
            ThreadLocal.withInitial(() -> new StringBuilder(DecisionRecord.TYPICAL_CHARS));

    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final LongAdder accepted = new LongAdder();
    private volatile long written;
    /** {@link #written} as of the last flush: what {@link #drain} waits for. */
    private volatile long flushed;
    private final DecisionChain chain = new DecisionChain();
    private StringBuilder line = new StringBuilder(DecisionRecord.TYPICAL_CHARS);
    private final Thread thread;
    private volatile boolean stopping;
    private boolean warned;

    private DecisionWriter(Logger log, String threadName) {
        this.log = log;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /** A writer for {@code log}, its thread started. */
    static DecisionWriter start(Logger log, String threadName) {
        DecisionWriter writer = new DecisionWriter(log, threadName);
        writer.thread.start();
        return writer;
    }

    /**
     * Writes a record's JSON and queues it to be sealed and logged; called on event loops, so it neither
     * locks nor waits. A record whose JSON cannot be written is reported to the proxy's log and dropped:
     * the request it describes must still finish.
     */
    void accept(DecisionRecord record) {
        String json;
        try {
            json = json(record);
        } catch (RuntimeException e) {
            OPS.error("a decision line could not be written (request {})", record.request().id(), e);
            return;
        }
        // Counted before it is queued, so pending() never reads below the true backlog.
        accepted.increment();
        queue.offer(json);
    }

    private static String json(DecisionRecord record) {
        StringBuilder sb = JSON.get();
        sb.setLength(0);
        String json = record.appendJson(sb).toString();
        if (sb.capacity() > RETAINED_CHARS) {
            JSON.set(new StringBuilder(DecisionRecord.TYPICAL_CHARS));
        }
        return json;
    }

    /** Records accepted and not yet handed to the logger. */
    long pending() {
        return Math.max(0, accepted.sum() - written);
    }

    /**
     * Waits until every record accepted before this call has been handed to the logger and flushed
     * (shutdown, before logging stops; tests). False when {@code timeout} passed first.
     */
    boolean drain(Duration timeout) throws InterruptedException {
        long target = accepted.sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        // Flushed, not only written: a line handed to a buffered appender is not in the output yet.
        while (flushed < target) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.unpark(thread);
            Thread.sleep(1);
        }
        return true;
    }

    /** Writes what is queued, then ends the thread (tests; the JVM's writer lives as long as the JVM). */
    void close() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    private void run() {
        long lastLine = System.nanoTime();
        while (true) {
            int batch = writeQueued();
            if (batch > 0) {
                lastLine = System.nanoTime();
                continue;
            }
            if (stopping) {
                return;
            }
            boolean idle = System.nanoTime() - lastLine > TimeUnit.SECONDS.toNanos(1);
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(idle ? IDLE_POLL_MILLIS : BUSY_POLL_MILLIS));
        }
    }

    /** Writes everything queued, flushing every {@value #FLUSH_EVERY} lines and at the end; the count written. */
    private int writeQueued() {
        if (queue.isEmpty()) {
            return 0;
        }
        // Once per batch: a reconfiguration (logback's scan) takes effect at the next one.
        BufferedStdoutAppender direct = soleBundledAppender();
        int count = 0;
        String json;
        while ((json = queue.poll()) != null) {
            write(json, direct);
            count++;
            if (count % FLUSH_EVERY == 0) {
                flush();
            }
        }
        if (count > 0) {
            flush();
            watchBacklog();
        }
        return count;
    }

    private void write(String json, BufferedStdoutAppender direct) {
        try {
            if (direct != null) {
                // Hashed and written as the bytes they are: one pass to UTF-8, one copy into the output.
                byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
                direct.writeDecisionLine(utf8, chain.sealUtf8(utf8));
            } else {
                line.setLength(0);
                log.info(chain.seal(line.append(json)));
                if (line.capacity() > RETAINED_CHARS) {
                    line = new StringBuilder(DecisionRecord.TYPICAL_CHARS);
                }
            }
        } catch (RuntimeException e) {
            // A line that cannot be logged must not end the thread and with it every later line.
            OPS.error("a decision line could not be logged", e);
        } finally {
            written++;
        }
    }

    /**
     * The logger's one appender when the logger does nothing but hand each line to the bundled
     * {@link BufferedStdoutAppender} with its {@link DecisionLineEncoder} (the bundled logback.xml):
     * INFO enabled, not additive, no turbo filter, no filter on the appender. Then a line is written to
     * it straight, without the logging event logback would build for it and then only read the message
     * of. Null for any other configuration, which gets each line through the logger as before.
     */
    private BufferedStdoutAppender soleBundledAppender() {
        if (!(log instanceof ch.qos.logback.classic.Logger logback) || logback.isAdditive() || !logback.isInfoEnabled()
                || !logback.getLoggerContext().getTurboFilterList().isEmpty()) {
            return null;
        }
        Iterator<Appender<ILoggingEvent>> appenders = logback.iteratorForAppenders();
        if (!appenders.hasNext()) {
            return null;
        }
        Appender<ILoggingEvent> only = appenders.next();
        return !appenders.hasNext() && only instanceof BufferedStdoutAppender stdout && stdout.isStarted()
                && stdout.getEncoder() instanceof DecisionLineEncoder
                && stdout.getCopyOfAttachedFiltersList().isEmpty() ? stdout : null;
    }

    private void flush() {
        long upTo = written;
        if (log instanceof ch.qos.logback.classic.Logger logback) {
            BufferedAppenders.flush(logback.iteratorForAppenders(),
                    (what, e) -> OPS.error("decision log: {}", what, e));
        }
        flushed = upTo;
    }

    private void watchBacklog() {
        long pending = pending();
        if (!warned && pending > WARN_PENDING) {
            warned = true;
            OPS.warn("the decision log output is {} lines behind (slow or blocked stdout or disk); the lines are "
                    + "kept in memory, none is dropped", pending);
        } else if (warned && pending < WARN_PENDING / 10) {
            warned = false;
            OPS.info("the decision log output has caught up ({} lines behind)", pending);
        }
    }
}
