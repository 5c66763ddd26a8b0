package io.portcullis.proxy.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

/**
 * Netty's buffer memory, for sizing a container's memory limit: what the allocator the proxy really
 * uses ({@link ByteBufAllocator#DEFAULT}) holds, and Netty's direct memory against its cap
 * ({@code -XX:MaxDirectMemorySize}). Micrometer's NettyAllocatorMetrics labels every series with an
 * identity hash that changes at each restart and watches the pooled allocator, which Netty 4.2 no
 * longer uses by default; these gauges have stable labels, base units and HELP text.
 */
final class NettyMemoryMetrics {

    private NettyMemoryMetrics() {
    }

    static void bindTo(MeterRegistry registry) {
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric metric = provider.metric();
            String type = ByteBufAllocator.DEFAULT.getClass().getSimpleName();
            Gauge.builder("netty.allocator.memory.used", metric, ByteBufAllocatorMetric::usedDirectMemory)
                    .description("Memory held by Netty's buffer allocator (pooled chunks included), by kind")
                    .baseUnit("bytes").tag("allocator_type", type).tag("memory_type", "direct")
                    .strongReference(true).register(registry);
            Gauge.builder("netty.allocator.memory.used", metric, ByteBufAllocatorMetric::usedHeapMemory)
                    .description("Memory held by Netty's buffer allocator (pooled chunks included), by kind")
                    .baseUnit("bytes").tag("allocator_type", type).tag("memory_type", "heap")
                    .strongReference(true).register(registry);
        }
        Gauge.builder("netty.direct.memory.used", () -> PlatformDependent.usedDirectMemory())
                .description("Direct memory Netty has allocated itself, counted against netty_direct_memory_max_bytes; "
                        + "-1 when Netty leaves the counting to the JDK (see jvm_buffer_memory_used_bytes)")
                .baseUnit("bytes").register(registry);
        Gauge.builder("netty.direct.memory.max", () -> PlatformDependent.maxDirectMemory())
                .description("The most direct memory Netty may allocate (-XX:MaxDirectMemorySize unless io.netty.maxDirectMemory is set)")
                .baseUnit("bytes").register(registry);
    }
}
