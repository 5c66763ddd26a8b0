package io.portcullis.proxy.server;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client connection's timeout that is armed and disarmed for every request (its wait between requests,
 * {@code header_read} for a head begun, {@code idle} between requests; and its upstream leg's response
 * watch) as a deadline, checked by at most one scheduled task. Doing that with a timer of its own meant
 * adding and removing a task in the event loop's scheduled queue each time. Here arming and disarming write fields, and the
 * task, never scheduled further ahead than the shortest wait that can be armed (the horizon), looks at
 * the deadline when it runs: expired, it reports; armed and not yet due, it schedules itself again; not
 * armed, it ends. So the check never comes later than the deadline, and a busy connection schedules
 * about one task per horizon instead of two per request.
 *
 * <p>Used on the connection's event loop only.
 */
final class WaitDeadline {

    private final EventExecutor executor;
    /** The executor's clock, which its scheduled tasks follow (a test's embedded loop advances it by hand). */
    private final Ticker ticker;
    private final Runnable onExpiry;
    private boolean armed;
    /** The executor's {@link Ticker#nanoTime()} at which the armed wait ends. */
    private long deadline;
    private ScheduledFuture<?> check;
    /** The executor's {@link Ticker#nanoTime()} at which {@link #check} runs. */
    private long checkAt;
    private long horizon;
    private long checksScheduled;

    /** @param onExpiry run on {@code executor} when an armed wait passes its deadline (then it is disarmed) */
    WaitDeadline(EventExecutor executor, Runnable onExpiry) {
        this.executor = executor;
        this.ticker = executor.ticker();
        this.onExpiry = onExpiry;
    }

    /**
     * Starts (or restarts) the wait: it ends {@code waitNanos} from now.
     *
     * @param horizonNanos the shortest wait this connection may arm next (the task is scheduled no further ahead)
     */
    void arm(long waitNanos, long horizonNanos) {
        long now = ticker.nanoTime();
        armed = true;
        deadline = now + waitNanos;
        horizon = Math.max(1, horizonNanos);
        if (check != null && checkAt - deadline > 0) {
            // the pending check would come too late for this (shorter) wait
            check.cancel(false);
            check = null;
        }
        if (check == null) {
            schedule(now);
        }
    }

    /** Stops the wait (an exchange started); the pending check, if any, finds nothing to do. */
    void disarm() {
        armed = false;
    }

    /** Stops the wait and drops the pending check: the connection is going away. */
    void stop() {
        armed = false;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** Checks scheduled since this connection began (for tests: how often the event loop's queue was touched). */
    long checksScheduled() {
        return checksScheduled;
    }

    private void schedule(long now) {
        long delay = Math.max(0, Math.min(deadline - now, horizon));
        checkAt = now + delay;
        checksScheduled++;
        check = executor.schedule(this::run, delay, TimeUnit.NANOSECONDS);
    }

    private void run() {
        check = null;
        if (!armed) {
            return;
        }
        long now = ticker.nanoTime();
        if (now - deadline < 0) {
            schedule(now);
            return;
        }
        armed = false;
        onExpiry.run();
    }
}
