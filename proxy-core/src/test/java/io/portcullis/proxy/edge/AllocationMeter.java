package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the current thread allocates while running a piece of code, through HotSpot's
 * per-thread allocation counter. Tests that use it compare against bounds far from any plausible
 * allocation per call, so the JIT's warm-up and escape analysis do not make them flaky.
 */
final class AllocationMeter {

    private AllocationMeter() {
    }

    static long bytesAllocatedBy(Runnable work) {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        var hotspot = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled(),
                "needs HotSpot's allocation counter");
        long id = Thread.currentThread().getId();
        long before = hotspot.getThreadAllocatedBytes(id);
        work.run();
        return hotspot.getThreadAllocatedBytes(id) - before;
    }
}
