package io.portcullis.proxy.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quiet or busy, from the compilers' accumulated time against the wall time of the interval. */
class CompilerActivityTest {

    @ParameterizedTest(name = "{1} ms compiling in {0} ms at share {2} -> quiet {3}")
    @CsvSource({
            // interval ms, compiling ms, share, quiet
            "1000, 0,   0.1, true",   // nothing compiled
            "1000, 99,  0.1, true",   // under the share
            "1000, 100, 0.1, false",  // at the share: still busy
            "1000, 900, 0.1, false",  // the compilers had most of the core
            "200,  30,  0.1, false",  // a short interval is judged on its own length
            "200,  30,  0.2, true",
    })
    void judgesAnIntervalByTheShareOfItsTimeSpentCompiling(long intervalMillis, long compilingMillis, double share,
                                                           boolean quiet) {
        AtomicLong compiled = new AtomicLong(5_000); // whatever the JVM compiled before the first look
        AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(42));
        CompilerActivity activity = new CompilerActivity(compiled::get, now::get, millis -> now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis)));
        compiled.addAndGet(compilingMillis);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(intervalMillis));
        assertEquals(quiet, activity.quietSince(share));
    }

    @ParameterizedTest(name = "then {0} ms compiling in the next second -> quiet {1}")
    @CsvSource({"0, true", "500, false"})
    void eachLookStartsTheNextInterval(long compilingMillis, boolean quiet) {
        AtomicLong compiled = new AtomicLong();
        AtomicLong now = new AtomicLong();
        CompilerActivity activity = new CompilerActivity(compiled::get, now::get, millis -> now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis)));
        compiled.addAndGet(800);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(false, activity.quietSince(0.1), "a busy first second");
        compiled.addAndGet(compilingMillis);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(quiet, activity.quietSince(0.1), "the first second's compiling no longer counts");
    }

    @ParameterizedTest(name = "compilations ending in the first {0} steps -> waits {1} steps")
    @CsvSource({
            "0, 1",    // idle at once: one step to see it
            "3, 4",    // busy for three steps, then a step without a finished compilation
            "100, 25", // busy throughout: the bound ends the wait (5 s in steps of 200 ms)
    })
    void awaitIdleWaitsWhileCompilationsFinish(int busySteps, int stepsWaited) throws InterruptedException {
        AtomicLong compiled = new AtomicLong();
        AtomicLong now = new AtomicLong();
        AtomicLong steps = new AtomicLong();
        CompilerActivity activity = new CompilerActivity(compiled::get, now::get, millis -> {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
            if (steps.incrementAndGet() <= busySteps) {
                compiled.addAndGet(150); // a compilation ended during this step
            }
        });
        activity.awaitIdle(Duration.ofMillis(200), Duration.ofSeconds(5));
        assertEquals(stepsWaited, steps.get());
    }

    @Test
    void callsToReachC2AreTheJvmsTwoTierThresholds() {
        Assumptions.assumeFalse(ManagementFactory.getRuntimeMXBean()
                .getInputArguments().stream().anyMatch(a -> a.contains("InvocationThreshold")), "thresholds set by hand");
        assertEquals(200 + 5_000, CompilerActivity.callsToReachC2(), "HotSpot's defaults: C1 after 200 calls, C2 after 5,000 more");
    }
}
