package io.portcullis.proxy.server;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches a request body for a stall: {@code timeouts.body_read} without a piece of it while we are
 * reading. Time spent not reading (deciding, connecting, upstream back-pressure) is not the client's
 * fault, so a check that finds reading paused starts the clock again. One timer per request body.
 */
final class BodyReadWatch {

    private final Channel client;
    private final long limitNanos;
    private final Runnable expired;
    private long lastPieceNanos;
    private ScheduledFuture<?> timer;

    /**
     * Starts watching.
     *
     * @param expired runs on the client's loop when the body stalled, unless {@link #stop()} came first
     */
    BodyReadWatch(Channel client, long limitNanos, Runnable expired) {
        this.client = client;
        this.limitNanos = limitNanos;
        this.expired = expired;
        this.lastPieceNanos = System.nanoTime();
        this.timer = client.eventLoop().schedule(this::check, limitNanos, TimeUnit.NANOSECONDS);
    }

    /** A piece of the body arrived. */
    void piece() {
        lastPieceNanos = System.nanoTime();
    }

    /** The body is complete, or the exchange ended. */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void check() {
        if (timer == null) {
            return;
        }
        long now = System.nanoTime();
        if (!client.config().isAutoRead()) {
            lastPieceNanos = now;
        }
        long left = limitNanos - (now - lastPieceNanos);
        if (left > 0) {
            timer = client.eventLoop().schedule(this::check, left, TimeUnit.NANOSECONDS);
            return;
        }
        timer = null;
        expired.run();
    }
}
