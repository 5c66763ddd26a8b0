package io.portcullis.proxy.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.ErrorStatus;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output through a 64 KiB buffer that is written when its caller flushes: the decision log's
 * writer thread, which flushes after each batch it drains (as {@link PollingAsyncAppender} does, in a
 * config that puts one in front). Logback's ConsoleAppender
 * writes through {@code System.out}, a PrintStream that flushes on every write: one write(2) per
 * decision line (2% of a busy proxy's CPU in the write calls alone, in the load harness's profiles).
 * Here a batch of lines is one write: handed to {@code System.out} in one call, which its PrintStream
 * passes on as one.
 *
 * <p>Lines are never split: the buffer is written out before a line that does not fit, and a line
 * larger than the buffer is written whole. Stopping flushes but leaves the process's stdout open.
 * With {@link DecisionLineEncoder} a line is encoded straight into the buffer (no array per line).
 */
public final class BufferedStdoutAppender extends OutputStreamAppender<ILoggingEvent> {

    static final int BUFFER_BYTES = 64 * 1024;

    private final OutputStream target;
    private LineBufferedOutputStream lines;

    public BufferedStdoutAppender() {
        this(new SystemOut());
    }

    /** Writes to {@code target} instead of standard output (tests count its writes). */
    BufferedStdoutAppender(OutputStream target) {
        this.target = target;
        setImmediateFlush(false);
    }

    @Override
    public void start() {
        lines = new LineBufferedOutputStream(new FlushOnClose(target), BUFFER_BYTES);
        setOutputStream(lines);
        super.start();
    }

    @Override
    protected void writeOut(ILoggingEvent event) throws IOException {
        if (!(getEncoder() instanceof DecisionLineEncoder)) {
            super.writeOut(event);
            return;
        }
        // What DecisionLineEncoder.encode would return, written without the array it makes.
        streamWriteLock.lock();
        try {
            if (isStarted()) {
                lines.writeLine(event.getFormattedMessage());
            }
        } finally {
            streamWriteLock.unlock();
        }
    }

    /**
     * Writes one decision line, sealed by {@link DecisionChain#sealUtf8} ({@code json} without its closing
     * brace, then {@code seal}), as {@link #writeOut} writes the line of an event that carries it, without
     * the event: for the decision log's writer, when this appender is all its logger does (see
     * {@code DecisionWriter}). Nothing is written when the appender is stopped, and a failing output
     * stops it with an error status, as logback's own append path does for an event.
     */
    void writeDecisionLine(byte[] json, byte[] seal) {
        if (!isStarted()) {
            return;
        }
        streamWriteLock.lock();
        try {
            lines.writeSealedLine(json, json.length - 1, seal);
        } catch (IOException e) {
            started = false;
            addStatus(new ErrorStatus("IO failure in appender", this, e));
        } finally {
            streamWriteLock.unlock();
        }
    }

    /**
     * {@code System.out} as it is at each write (a test harness or an embedding application may have
     * replaced it): a batch handed to it in one call is one write(2), whatever its own buffering.
     */
    private static final class SystemOut extends OutputStream {

        @Override
        public void write(int b) {
            System.out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.out.write(b, off, len);
        }

        @Override
        public void flush() {
            System.out.flush();
        }
    }

    /** Closing the appender must not close standard output, which the JVM and other writers share. */
    private static final class FlushOnClose extends FilterOutputStream {

        FlushOnClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
