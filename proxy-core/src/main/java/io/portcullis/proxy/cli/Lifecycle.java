package io.portcullis.proxy.cli;

import ch.qos.logback.classic.LoggerContext;
import io.portcullis.proxy.Portcullis;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signals and shutdown for a running proxy: SIGHUP reloads, SIGTERM/SIGINT stop. */
final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private Lifecycle() {
    }

    /**
     * Blocks until the JVM is asked to stop. {@code portcullis} (may be null when the caller closes it
     * from its own hook) is closed on the way out.
     */
    static void runUntilStopped(Portcullis portcullis, Path config) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        if (portcullis != null) {
            installReloadSignal(portcullis);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            if (portcullis != null) {
                portcullis.close();
            }
            // Last, once no request is in flight: stopping the logging context writes every queued
            // decision line (the async appender's writer is a daemon thread).
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
                logging.stop();
            }
            stopped.countDown();
        }, "portcullis-shutdown"));
        stopped.await();
    }

    @SuppressWarnings("restriction")
    static void installReloadSignal(Portcullis portcullis) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> {
                LOG.info("SIGHUP: reloading config");
                portcullis.reload();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("SIGHUP reload is not available on this platform: {}", e.getMessage());
        }
    }
}
