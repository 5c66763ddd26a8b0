package io.portcullis.proxy.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.OutputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON line per request to the dedicated logger {@value #LOGGER_NAME}, so operators can
 * route decisions to a file or a SIEM apart from the proxy's own logs. {@link #record} only queues the
 * immutable record: a {@link DecisionWriter} thread makes the line, seals it into the
 * {@link DecisionChain} (see docs/tamper-evident-log.md) and logs it, so an event loop never takes a
 * lock or waits for the output. No line is dropped: a slow output grows the queue, watched by
 * {@link #pending()}.
 */
public final class DecisionLog {

    public static final String LOGGER_NAME = "portcullis.decision";

    /**
     * One writer, and so one chain, per JVM: the logger is one per JVM, and every DecisionLog (several
     * proxies in one test JVM) must extend the same chain, or their interleaved lines would not verify.
     */
    private static final class Shared {
        static final DecisionWriter WRITER = DecisionWriter.start(LoggerFactory.getLogger(LOGGER_NAME),
                "decision-log-writer");
    }

    private final Logger logger;
    private final DecisionWriter writer;

    /** Records through the JVM's one decision-log writer. */
    public DecisionLog() {
        this(LoggerFactory.getLogger(LOGGER_NAME), Shared.WRITER);
    }

    /** Records through {@code writer}, which logs to {@code logger} (tests with a logger context of their own). */
    DecisionLog(Logger logger, DecisionWriter writer) {
        this.logger = logger;
        this.writer = writer;
    }

    /**
     * A log whose lines are made and sealed as real ones are, on a writer thread of its own, and logged
     * through a logback logger of a context of its own into the bundled appender and encoder
     * ({@link BufferedStdoutAppender}, {@link DecisionLineEncoder}) writing to nowhere: the start's warm-up
     * listener, so that the line-making and appending code is compiled before the first real request, with
     * the logger class real requests will bring (no decision log, and no output, ever sees these lines).
     * {@link #close} ends its thread.
     */
    public static DecisionLog renderingOnly() {
        LoggerContext context = new LoggerContext();
        context.setName("portcullis-warmup");
        DecisionLineEncoder encoder = new DecisionLineEncoder();
        encoder.setContext(context);
        encoder.start();
        BufferedStdoutAppender nowhere = new BufferedStdoutAppender(OutputStream.nullOutputStream());
        nowhere.setContext(context);
        nowhere.setEncoder(encoder);
        nowhere.start();
        ch.qos.logback.classic.Logger logger = context.getLogger(LOGGER_NAME);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(nowhere);
        return new DecisionLog(logger, DecisionWriter.start(logger, "warmup-decision-writer"));
    }

    /**
     * A log with a writer thread of its own that writes to {@code logger}, as the JVM's one writer writes
     * to the {@value #LOGGER_NAME} logger: a logback config checked with a logger context of its own
     * (tests). {@link #close} writes what is queued and ends the thread.
     */
    public static DecisionLog writingTo(Logger logger) {
        return new DecisionLog(logger, DecisionWriter.start(logger, "decision-log-writer-" + logger.getName()));
    }

    /** Ends a {@link #renderingOnly} or {@link #writingTo} log's writer thread; the JVM's shared writer is never ended. */
    public void close() throws InterruptedException {
        if (writer != Shared.WRITER) {
            writer.close();
        }
    }

    /** Queues one line; returns at once, whatever the output is doing. */
    public void record(DecisionRecord record) {
        if (logger.isInfoEnabled()) {
            writer.accept(record);
        }
    }

    /** Lines recorded in this JVM and not yet handed to the logging appenders. */
    public static long pending() {
        return Shared.WRITER.pending();
    }

    /**
     * Waits until every line recorded so far has been handed to the appenders and flushed: on shutdown,
     * before logging stops. False when {@code timeout} passed first.
     */
    public static boolean drain(Duration timeout) throws InterruptedException {
        return Shared.WRITER.drain(timeout);
    }
}
