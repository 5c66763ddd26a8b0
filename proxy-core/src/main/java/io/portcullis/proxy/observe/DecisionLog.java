package io.portcullis.proxy.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON line per request to the dedicated logger {@value #LOGGER_NAME}, so operators can
 * route decisions to a file or a SIEM apart from the proxy's own logs. The default logback config
 * sends it through an async appender that blocks rather than drops: a decision line is evidence.
 */
public final class DecisionLog {

    public static final String LOGGER_NAME = "portcullis.decision";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    public void record(DecisionRecord record) {
        if (LOG.isInfoEnabled()) {
            LOG.info(record.toJson());
        }
    }
}
