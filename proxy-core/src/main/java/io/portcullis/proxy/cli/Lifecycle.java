package io.portcullis.proxy.cli;

import ch.qos.logback.classic.LoggerContext;
import io.portcullis.proxy.ListenerUnavailableException;
import io.portcullis.proxy.Portcullis;
import io.portcullis.proxy.observe.DecisionLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import picocli.CommandLine;
import org.slf4j.LoggerFactory;

/** Signals and shutdown for a running proxy: SIGHUP reloads, SIGTERM/SIGINT stop. */
final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** Exit code when a listener cannot be opened (address in use, not local, not allowed). */
    static final int CANNOT_LISTEN = 1;

    private Lifecycle() {
    }

    /** Says which listener could not be opened and why, on stderr, without a stack trace. */
    static int cannotListen(CommandLine.Model.CommandSpec spec, ListenerUnavailableException e) {
        spec.commandLine().getErr().println(e.getMessage());
        spec.commandLine().getErr().println("not started: free the address or change the port in the config.");
        spec.commandLine().getErr().flush();
        return CANNOT_LISTEN;
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
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> {
                LOG.info("SIGHUP: reloading config");
                portcullis.reload();
            });
            if (previous == sun.misc.SignalHandler.SIG_IGN) {
                // HotSpot leaves a SIGHUP that the process inherited as ignored (nohup does that) ignored,
                // whatever handler is asked for, and Java has no call to take it back.
                LOG.warn("SIGHUP is ignored by this process (inherited from how it was started, e.g. nohup), so "
                        + "kill -HUP will not reload the config. The config file is still watched. Start it without "
                        + "nohup (systemd, setsid, or the packaged portcullis command, which resets SIGHUP) to reload "
                        + "by signal.");
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("SIGHUP reload is not available on this platform: {}", e.getMessage());
        }
    }
}
