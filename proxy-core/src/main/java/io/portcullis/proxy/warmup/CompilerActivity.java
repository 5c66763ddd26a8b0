package io.portcullis.proxy.warmup;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How busy the JIT compilers were between two looks, from the JVM's accumulated compilation time.
 *
 * <p>Why the warm-up asks: a fixed number of warm-up requests leaves much of the request path compiled
 * only by C1 with profiling, because while the compile queue is long HotSpot raises the invocation counts
 * a method needs before C2 takes it; those methods then reach C2 under the first real load, and on a
 * container's one core the compiler threads take half of it for seconds after {@code /readyz} said
 * ready. Going on with warm-up requests until the compilers stay quiet moves that work before ready.
 */
final class CompilerActivity {

    /** Waits a number of milliseconds (a test's advances its clocks instead). */
    interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    private final LongSupplier compileMillis;
    private final LongSupplier nanoTime;
    private final Pause pause;
    private long lastCompileMillis;
    private long lastNanos;

    /**
     * @param compileMillis the compilers' accumulated time, in milliseconds
     * @param nanoTime      the wall clock the intervals are measured on
     * @param pause         how {@link #awaitIdle} waits
     */
    CompilerActivity(LongSupplier compileMillis, LongSupplier nanoTime, Pause pause) {
        this.compileMillis = compileMillis;
        this.nanoTime = nanoTime;
        this.pause = pause;
        this.lastCompileMillis = compileMillis.getAsLong();
        this.lastNanos = nanoTime.getAsLong();
    }

    /**
     * How many calls take a method from the interpreter to C2 when the compile queue is short: C1 compiles
     * it with profiling after {@code Tier3InvocationThreshold} calls, C2 takes it after
     * {@code Tier4InvocationThreshold} more. HotSpot's defaults when the JVM does not say.
     */
    static long callsToReachC2() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Long.parseLong(hotspot.getVMOption("Tier3InvocationThreshold").getValue())
                    + Long.parseLong(hotspot.getVMOption("Tier4InvocationThreshold").getValue());
        } catch (RuntimeException | LinkageError e) {
            return 200 + 5_000;
        }
    }

    /** Starts looking from now. A JVM that does not report compilation time reads as always quiet. */
    static CompilerActivity start() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        LongSupplier millis = bean != null && bean.isCompilationTimeMonitoringSupported()
                ? bean::getTotalCompilationTime : () -> 0L;
        return new CompilerActivity(millis, System::nanoTime, Thread::sleep);
    }

    /**
     * True when, since the last look, the compilers spent less than {@code share} of the wall time
     * elapsed compiling; starts the next interval.
     */
    boolean quietSince(double share) {
        long millis = compileMillis.getAsLong();
        long nanos = nanoTime.getAsLong();
        double elapsedMillis = (nanos - lastNanos) / 1e6;
        boolean quiet = millis - lastCompileMillis < share * elapsedMillis;
        lastCompileMillis = millis;
        lastNanos = nanos;
        return quiet;
    }

    /**
     * Waits, in steps of {@code step}, until a step passes in which no compilation ended, or {@code max}
     * passed: leaves the core to the compilers while they work through their queue.
     */
    void awaitIdle(Duration step, Duration max) throws InterruptedException {
        long end = nanoTime.getAsLong() + max.toNanos();
        long last = compileMillis.getAsLong();
        while (nanoTime.getAsLong() - end < 0) {
            pause.millis(step.toMillis());
            long now = compileMillis.getAsLong();
            if (now == last) {
                return;
            }
            last = now;
        }
    }
}
