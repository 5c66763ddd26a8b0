package io.portcullis.proxy.observe;

import java.io.OutputStream;

/**
 * A decision log as the proxy runs it: its own writer thread sealing lines into the bundled appender and
 * encoder ({@link BundledDecisionLogger}), writing into {@code target} instead of stdout. {@link #close}
 * ends the writer, after the lines queued so far, and stops the logger context.
 */
final class BundledDecisionLog implements AutoCloseable {

    private final BundledDecisionLogger bundled;
    private final DecisionWriter writer;
    private final DecisionLog log;

    private BundledDecisionLog(BundledDecisionLogger bundled, DecisionWriter writer) {
        this.bundled = bundled;
        this.writer = writer;
        this.log = new DecisionLog(bundled.logger(), writer);
    }

    /** A log writing into {@code target} on a writer thread named {@code threadName}. */
    static BundledDecisionLog writingTo(OutputStream target, String threadName) {
        BundledDecisionLogger bundled = BundledDecisionLogger.writingTo(target);
        return new BundledDecisionLog(bundled, DecisionWriter.start(bundled.logger(), threadName));
    }

    BundledDecisionLogger bundled() {
        return bundled;
    }

    DecisionWriter writer() {
        return writer;
    }

    DecisionLog log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        writer.close();
        bundled.context().stop();
    }
}
