package io.portcullis.proxy.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON line per request to the dedicated logger {@value #LOGGER_NAME}, so operators can
 * route decisions to a file or a SIEM apart from the proxy's own logs. The default logback config
 * sends it through an async appender that blocks rather than drops: a decision line is evidence.
 * Every line is sealed into a {@link DecisionChain} (see docs/tamper-evident-log.md).
 */
public final class DecisionLog {

    public static final String LOGGER_NAME = "portcullis.decision";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    /**
     * One chain per logger, and the logger is one per JVM: every DecisionLog (several proxies in
     * one test JVM) must extend the same chain, or their interleaved lines would not verify.
     */
    private static final DecisionChain CHAIN = new DecisionChain();

    /** Builders above this size (a line with a huge path) are not kept for the thread's next line. */
    private static final int RETAINED_CHARS = 16 * 1024;

    /** One builder per event-loop thread: a line is built in place, then sealed and made a string once. */
    private static final ThreadLocal<StringBuilder> LINE =
            ThreadLocal.withInitial(() -> new StringBuilder(DecisionRecord.TYPICAL_CHARS));

    public void record(DecisionRecord record) {
        if (LOG.isInfoEnabled()) {
            StringBuilder line = LINE.get();
            line.setLength(0);
            record.appendJson(line);
            // Sealing and handing the line to the appender under one lock keeps the written order
            // the chain order; the work inside is one SHA-256 of a few hundred bytes.
            synchronized (CHAIN) {
                LOG.info(CHAIN.seal(line));
            }
            if (line.capacity() > RETAINED_CHARS) {
                LINE.remove();
            }
        }
    }
}
