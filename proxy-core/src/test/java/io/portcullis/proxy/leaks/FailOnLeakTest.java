package io.portcullis.proxy.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard sees a real leak, so a test class that leaks a buffer would fail. */
class FailOnLeakTest {

    @Test
    void theSuiteRunsWithParanoidLeakDetection() {
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
    }

    @Test
    void aBufferDroppedWithoutReleaseIsReported() throws InterruptedException {
        assertEquals(List.of(), FailOnLeak.collectLeaks(), "nothing leaked before this test");
        leakOne();
        List<String> leaks = List.of();
        for (int i = 0; i < 20 && leaks.isEmpty(); i++) {
            leaks = FailOnLeak.collectLeaks();
        }
        assertEquals(1, leaks.size(), leaks.toString());
        assertTrue(leaks.get(0).contains("LEAK: ByteBuf.release() was not called"), leaks.get(0));
        assertTrue(leaks.get(0).contains("leakOne"), "the report names where it was allocated: " + leaks.get(0));
    }

    /** Allocates a buffer and drops it unreleased; not inlined, so the buffer is unreachable after it returns. */
    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }
}
