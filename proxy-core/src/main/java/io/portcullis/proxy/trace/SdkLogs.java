package io.portcullis.proxy.trace;

import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends what the OpenTelemetry SDK logs (through {@code java.util.logging}: a failed export, a full
 * queue) to SLF4J, so it is a line of the operational log in its format ({@code --log-format json}
 * included) instead of a JUL console line on stderr. Only the {@code io.opentelemetry} loggers: the
 * rest of {@code java.util.logging} is left as it is.
 */
final class SdkLogs {

    /** Held: JUL keeps loggers weakly, and a collected one would lose the handler. */
    private static final Logger OPENTELEMETRY = Logger.getLogger("io.opentelemetry");

    private SdkLogs() {
    }

    /** Routes the SDK's logs to SLF4J; calling it again changes nothing. */
    static synchronized void toSlf4j() {
        for (var h : OPENTELEMETRY.getHandlers()) {
            if (h instanceof SLF4JBridgeHandler) {
                return;
            }
        }
        OPENTELEMETRY.addHandler(new SLF4JBridgeHandler());
        OPENTELEMETRY.setUseParentHandlers(false);
    }
}
