package io.portcullis.proxy.cli;

import ch.qos.logback.classic.LoggerContext;
import io.portcullis.proxy.ListenerUnavailableException;
import io.portcullis.proxy.Portcullis;
import io.portcullis.proxy.observe.DecisionLog;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
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
     * Installs SIGHUP's reload and the stop hook (SIGTERM, SIGINT), before anything is started or
     * announced: a supervisor that signals the moment the process says it listens must find both in
     * place (HotSpot's own SIGHUP would end the process; a stop without the hook would skip the cleanup).
     */
    static Signals installSignals() {
        Signals signals = new Signals();
        signals.previousHup = installReloadSignal(signals);
        Runtime.getRuntime().addShutdownHook(signals.hook);
        return signals;
    }

    /** What the signals act on once the proxy runs, and the wait for the stop. */
    static final class Signals {

        private final AtomicReference<Portcullis> running = new AtomicReference<>();
        private final AtomicReference<AutoCloseable> closeOnStop = new AtomicReference<>();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Thread hook = new Thread(this::stop, "portcullis-shutdown");
        /** SIGHUP's handler before ours, or null when ours could not be installed. */
        private sun.misc.SignalHandler previousHup;

        private Signals() {
        }

        /** Takes both back, for a start that failed: the command returns its exit code and nothing runs. */
        @SuppressWarnings("restriction")
        void cancel() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: nothing to take back
            }
            if (previousHup != null) {
                sun.misc.Signal.handle(new sun.misc.Signal("HUP"), previousHup);
            }
        }

        /** From now on SIGHUP reloads {@code portcullis}, and a stop closes {@code closeOnStop} first. */
        void running(Portcullis portcullis, AutoCloseable closeOnStop) {
            this.closeOnStop.set(closeOnStop);
            this.running.set(portcullis);
        }

        /** Blocks until the JVM is asked to stop and the stop hook has finished. */
        void awaitStop() throws InterruptedException {
            stopped.await();
        }

        private void reload() {
            Portcullis portcullis = running.get();
            if (portcullis == null) {
                LOG.info("SIGHUP while starting: nothing to reload yet");
                return;
            }
            LOG.info("SIGHUP: reloading config");
            portcullis.reload();
        }

        private void stop() {
            LOG.info("stopping");
            AutoCloseable closing = closeOnStop.get();
            if (closing != null) {
                try {
                    closing.close();
                } catch (Exception e) {
                    LOG.warn("stopping: {}", e.toString());
                }
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
        }
    }

    /** SIGHUP reloads; answers the handler it replaced, or null when it could not be installed. */
    @SuppressWarnings("restriction")
    private static sun.misc.SignalHandler installReloadSignal(Signals signals) {
        try {
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> signals.reload());
            if (previous == sun.misc.SignalHandler.SIG_IGN) {
                // HotSpot leaves a SIGHUP that the process inherited as ignored (nohup does that) ignored,
                // whatever handler is asked for, and Java has no call to take it back.
                LOG.warn("SIGHUP is ignored by this process (inherited from how it was started, e.g. nohup), so "
                        + "kill -HUP will not reload the config. The config file is still watched. Start it without "
                        + "nohup (systemd, setsid, or the packaged portcullis command, which resets SIGHUP) to reload "
                        + "by signal.");
            }
            return previous;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("SIGHUP reload is not available on this platform: {}", e.getMessage());
            return null;
        }
    }
}
