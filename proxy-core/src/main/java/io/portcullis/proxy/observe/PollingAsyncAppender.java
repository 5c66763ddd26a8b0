package io.portcullis.proxy.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An asynchronous appender for decision lines that never drops one and never wakes its writer per
 * line. Logback's AsyncAppender hands each event to a worker blocked on its queue, so every line
 * costs the logging thread a futex wake-up, and on a busy core a context switch: in a wall-clock
 * profile of the load harness that was 18% of the event loop's time. Here the worker polls instead:
 * it drains whatever is queued, writes it, and sleeps for {@link #setPollMillis poll} milliseconds
 * when it found nothing, so under load it runs back to back and producers never signal it. After a
 * second without a line it sleeps {@value #IDLE_POLL_MILLIS} ms at a time, so an idle proxy does not
 * wake 500 times a second.
 *
 * <p>When the queue is full the logging thread wakes the writer and waits for room (evidence is not
 * dropped). On {@link #stop()} every queued line is written first. After each batch the writer flushes
 * attached stream appenders that do not flush per line, so a batch costs one write.
 *
 * <p>The bundled configs no longer use it: the decision log's own writer thread already keeps the
 * event loops from waiting, and calls the appender itself. It stays for configs that log other
 * high-volume loggers asynchronously, or that were written for it.
 */
public final class PollingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    /** Sleep between polls once idle: the most a line waits after a quiet spell. */
    static final int IDLE_POLL_MILLIS = 100;

    private int queueSize = 8192;
    private int pollMillis = 2;
    private ArrayBlockingQueue<ILoggingEvent> queue;
    private volatile boolean stopping;
    private volatile Thread worker;

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public void setPollMillis(int pollMillis) {
        this.pollMillis = pollMillis;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (queueSize < 1 || pollMillis < 1) {
            addError("queueSize and pollMillis must be positive");
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        stopping = false;
        worker = new Thread(this::drainUntilStopped, "decision-log-writer-" + getName());
        worker.setDaemon(true);
        super.start();
        worker.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        if (queue.offer(event)) {
            return;
        }
        // Full: the writer may be in an idle sleep. The only wake-up a producer ever sends.
        LockSupport.unpark(worker);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    queue.put(event);
                    return;
                } catch (InterruptedException e) {
                    // Keep waiting: the line must be written; restore the flag afterwards.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drainUntilStopped() {
        List<ILoggingEvent> batch = new ArrayList<>(queueSize);
        long busyPoll = TimeUnit.MILLISECONDS.toNanos(pollMillis);
        long idlePoll = TimeUnit.MILLISECONDS.toNanos(Math.max(pollMillis, IDLE_POLL_MILLIS));
        long lastLine = System.nanoTime();
        while (!stopping) {
            if (queue.drainTo(batch) > 0) {
                write(batch);
                lastLine = System.nanoTime();
                continue;
            }
            boolean idle = System.nanoTime() - lastLine > TimeUnit.SECONDS.toNanos(1);
            LockSupport.parkNanos(this, idle ? idlePoll : busyPoll);
        }
        queue.drainTo(batch);
        write(batch);
    }

    private void write(List<ILoggingEvent> batch) {
        for (ILoggingEvent event : batch) {
            appenders.appendLoopOnAppenders(event);
        }
        batch.clear();
        flushStreams();
    }

    private void flushStreams() {
        BufferedAppenders.flush(appenders.iteratorForAppenders(), this::addError);
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        stopping = true;
        LockSupport.unpark(worker);
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            addWarn("decision log writer did not finish within 30 s; " + queue.size() + " lines still queued");
        }
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
