package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every line reaches the attached appender, in each producer's order, even through a tiny queue. */
class PollingAsyncAppenderTest {

    private LoggerContext context;
    private ListAppender<ILoggingEvent> sink;
    private PollingAsyncAppender appender;
    private Logger logger;

    @BeforeEach
    void setUp() {
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's binding gives a real context
        sink = new ListAppender<>();
        sink.setContext(context);
        sink.start();
        appender = new PollingAsyncAppender();
        appender.setContext(context);
        appender.setName("test");
        appender.setQueueSize(16);
        appender.addAppender(sink);
        logger = context.getLogger("decisions");
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    @Test
    void manyProducersThroughASmallQueueLoseNothingAndKeepTheirOrder() throws Exception {
        appender.start();
        int producers = 4;
        int perProducer = 5_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            String name = "p" + p;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    logger.info("{} {}", name, i);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        appender.stop();
        List<ILoggingEvent> written = List.copyOf(sink.list);
        assertEquals(producers * perProducer, written.size());
        Map<String, Integer> next = new HashMap<>();
        for (ILoggingEvent event : written) {
            String[] parts = event.getFormattedMessage().split(" ");
            int expected = next.getOrDefault(parts[0], 0);
            assertEquals(expected, Integer.parseInt(parts[1]), "order of " + parts[0]);
            next.put(parts[0], expected + 1);
        }
    }

    @Test
    void stoppingWritesWhatIsStillQueued() {
        appender.setPollMillis(60_000);
        appender.start();
        for (int i = 0; i < 10; i++) {
            logger.info("line {}", i);
        }
        appender.stop();
        assertEquals(10, sink.list.size());
        assertEquals("line 9", sink.list.get(9).getFormattedMessage());
        assertFalse(sink.isStarted(), "attached appenders are stopped with it");
    }

    @Test
    void linesArriveWhileRunningWithoutAStop() throws Exception {
        appender.start();
        logger.info("one");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sink.list.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals("one", sink.list.get(0).getFormattedMessage());
    }

    @Test
    void aFullQueueWakesASleepingWriter() throws Exception {
        // With an hour between polls, only the producer's wake-up on a full queue lets this finish.
        appender.setPollMillis(3_600_000);
        appender.setQueueSize(4);
        appender.start();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                logger.info("line {}", i);
            }
        });
        producer.start();
        producer.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(producer.isAlive(), "the producer is still waiting for room");
        appender.stop();
        assertEquals(100, sink.list.size());
    }

    @Test
    void nonsenseSettingsDoNotStart() {
        appender.setQueueSize(0);
        appender.start();
        assertFalse(appender.isStarted());
        appender.setQueueSize(8);
        appender.setPollMillis(0);
        appender.start();
        assertFalse(appender.isStarted());
        appender.setPollMillis(1);
        appender.start();
        assertTrue(appender.isStarted());
    }
}
