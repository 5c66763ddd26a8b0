package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.Portcullis;
import io.portcullis.proxy.ProxyFixture;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closed metrics no longer hear the JVM's garbage collectors: Micrometer's GC binder registers a
 * listener on every collector, which holds the registry for as long as the JVM runs, so each proxy
 * started and stopped in one JVM (as tests do) left one more behind. Seen through the real collectors:
 * a collection is forced, and the test waits until a listener of its own, added after the binder's,
 * has heard it; a collector notifies its listeners in order on one thread, so by then a binder still
 * listening has recorded it.
 */
class MetricsCloseTest {

    @TempDir
    Path dir;

    @Test
    void aClosedPortcullisNoLongerRecordsCollections() throws Exception {
        Path file = Files.writeString(dir.resolve("portcullis.yaml"),
                ProxyFixture.PUBLIC_APP.replace("${UPSTREAM}", "http://127.0.0.1:9") + "warmup: { enabled: false }\n");
        Portcullis portcullis = Portcullis.start(file, ConfigCompiler.compile(file), DefaultIdentityService::start,
                false);
        MeterRegistry registry = portcullis.metrics().registry();
        try {
            long running = collectionsRecorded(registry);
            collectAndWaitUntilHeard();
            assertTrue(collectionsRecorded(registry) > running, "a running proxy records collections");
        } finally {
            portcullis.close();
        }

        long closed = collectionsRecorded(registry);
        collectAndWaitUntilHeard();

        assertEquals(closed, collectionsRecorded(registry), "the closed proxy's metrics still heard a collection");
    }

    @Test
    void closedMetricsNoLongerRecordCollectionsAndKeepTheirMeters() throws Exception {
        Metrics metrics = new Metrics();
        metrics.reload(true);

        metrics.close();
        long closed = collectionsRecorded(metrics.registry());
        collectAndWaitUntilHeard();

        assertEquals(closed, collectionsRecorded(metrics.registry()));
        assertTrue(metrics.scrape().contains("portcullis_config_reloads_total{result=\"success\"} 1.0"),
                "meters stay readable after close");
    }

    /** How many collections (pauses and concurrent phases) the registry's GC timers have recorded. */
    private static long collectionsRecorded(MeterRegistry registry) {
        long count = 0;
        for (Meter meter : registry.getMeters()) {
            if (meter instanceof Timer timer && meter.getId().getName().startsWith("jvm.gc.")) {
                count += timer.count();
            }
        }
        return count;
    }

    /** Forces a collection and waits (bounded) until a listener added now has been told of one. */
    private static void collectAndWaitUntilHeard() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                heard.incrementAndGet();
            }
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (heard.get() == 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertTrue(heard.get() > 0, "no collection was reported within 10 s");
        } finally {
            for (NotificationEmitter emitter : emitters) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException e) {
                    // Not added to this one: nothing to remove.
                }
            }
        }
    }
}
