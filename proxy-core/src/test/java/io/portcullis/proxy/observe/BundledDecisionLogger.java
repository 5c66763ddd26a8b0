package io.portcullis.proxy.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.OutputStream;

/**
 * The decision logger as the bundled {@code logback.xml} sets it up (the buffered stdout appender and the
 * decision-line encoder, not additive), in a logger context of its own, writing into {@code target}
 * instead of the process's stdout. {@link #context()} is for the test to stop.
 */
record BundledDecisionLogger(LoggerContext context, Logger logger) {

    static BundledDecisionLogger writingTo(OutputStream target) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        BufferedStdoutAppender stdout = new BufferedStdoutAppender(target);
        stdout.setContext(context);
        stdout.setName("stdout");
        DecisionLineEncoder encoder = new DecisionLineEncoder();
        encoder.setContext(context);
        encoder.start();
        stdout.setEncoder(encoder);
        stdout.start();
        Logger logger = context.getLogger(DecisionLog.LOGGER_NAME);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(stdout);
        return new BundledDecisionLogger(context, logger);
    }
}
