package io.portcullis.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lazily checked wait on a real event loop: it never expires before its deadline, a disarmed wait
 * never expires, a shorter wait armed over a longer one is honoured, and arming and disarming per
 * request does not schedule a task each time.
 */
class WaitDeadlineTest {

    private static final long MS = 1_000_000L;
    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() throws InterruptedException {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    @Test
    void expiresAtItsDeadlineAndNotBefore() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        AtomicLong expiredAt = new AtomicLong();
        WaitDeadline wait = new WaitDeadline(loop, () -> {
            expiredAt.set(System.nanoTime());
            expired.countDown();
        });
        long armedAt = onLoop(() -> {
            long t = System.nanoTime();
            wait.arm(400 * MS, 40 * MS); // a horizon shorter than the wait: the check reschedules itself
            return t;
        });
        assertTrue(expired.await(5, TimeUnit.SECONDS), "an armed wait expires");
        assertTrue(expiredAt.get() - armedAt >= 400 * MS, "never before its deadline");
        // About ten on an idle loop; at least two however late a loaded machine runs the checks.
        assertTrue(onLoop(wait::checksScheduled) >= 2, "the check ran each horizon and rescheduled until the deadline");
    }

    @Test
    void neitherADisarmedNorAStoppedWaitExpires() throws Exception {
        AtomicInteger expiries = new AtomicInteger();
        WaitDeadline disarmed = new WaitDeadline(loop, expiries::incrementAndGet);
        WaitDeadline stopped = new WaitDeadline(loop, expiries::incrementAndGet);
        onLoop(() -> {
            disarmed.arm(50 * MS, 50 * MS);
            disarmed.disarm(); // an exchange started: its pending check finds nothing to do
            stopped.arm(50 * MS, 50 * MS);
            stopped.stop();    // the connection closed: its check is dropped
            return null;
        });
        Thread.sleep(300);
        assertEquals(0, expiries.get());
    }

    @Test
    void reArmingPushesTheDeadlineBack() throws Exception {
        CountDownLatch expired = new CountDownLatch(1);
        AtomicLong expiredAt = new AtomicLong();
        WaitDeadline wait = new WaitDeadline(loop, () -> {
            expiredAt.set(System.nanoTime());
            expired.countDown();
        });
        // The re-arm comes well inside the first deadline, however slowly a loaded machine gets to it.
        onLoop(() -> {
            wait.arm(1000 * MS, 1000 * MS);
            return null;
        });
        Thread.sleep(60);
        long rearmedAt = onLoop(() -> {
            long t = System.nanoTime();
            wait.arm(1000 * MS, 1000 * MS);
            return t;
        });
        assertTrue(expired.await(10, TimeUnit.SECONDS));
        assertTrue(expiredAt.get() - rearmedAt >= 1000 * MS, "the first deadline no longer counts");
    }

    @Test
    void aShorterWaitArmedOverALongerOneIsHonoured() throws Exception {
        // idle (long) armed at the end of a request, then a head begins: header_read (short) must win,
        // not the check already scheduled for the idle deadline
        CountDownLatch expired = new CountDownLatch(1);
        WaitDeadline wait = new WaitDeadline(loop, expired::countDown);
        onLoop(() -> {
            wait.arm(TimeUnit.SECONDS.toNanos(60), TimeUnit.SECONDS.toNanos(60));
            wait.arm(100 * MS, 100 * MS);
            return null;
        });
        assertTrue(expired.await(10, TimeUnit.SECONDS), "expired at the short deadline, long before the idle one");
    }

    @Test
    void armingAndDisarmingPerRequestSchedulesNoTaskEachTime() throws Exception {
        AtomicInteger expiries = new AtomicInteger();
        WaitDeadline wait = new WaitDeadline(loop, expiries::incrementAndGet);
        long scheduled = onLoop(() -> {
            long header = TimeUnit.SECONDS.toNanos(10);
            long idle = TimeUnit.SECONDS.toNanos(60);
            wait.arm(header, header); // the connection's first head
            for (int request = 0; request < 10_000; request++) {
                wait.disarm();              // the exchange starts
                wait.arm(idle, header);     // it ends: idle until the next head
                wait.arm(header, header);   // the next head's first byte
            }
            return wait.checksScheduled();
        });
        assertEquals(1, scheduled, "one pending check served every request");
        assertFalse(expiries.get() > 0);
    }
}
