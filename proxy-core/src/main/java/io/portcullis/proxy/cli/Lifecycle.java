package io.portcullis.proxy.cli;

import ch.qos.logback.classic.LoggerContext;
import io.portcullis.proxy.Portcullis;
import io.portcullis.proxy.observe.DecisionLog;
import java.nio.file.Path;
import java.time.Duration;
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
            // Last, once no request is in flight: every recorded decision line is written (the writer
            // is a daemon thread), then stopping the logging context flushes what the appenders hold.
            try {
                if (!DecisionLog.drain(Duration.ofSeconds(30))) {
                    LOG.warn("{} decision lines were still unwritten after 30 s", DecisionLog.pending());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
