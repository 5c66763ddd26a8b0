package io.portcullis.proxy.leaks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty's leak detector reported a {@code LEAK:} while it ran (the suite runs
 * with {@code io.netty.leakDetection.level=paranoid}, see the parent pom). Registered for every test
 * class by JUnit's extension autodetection (META-INF/services, junit-platform.properties).
 *
 * <p>Netty reports a leak only when the leaked buffer has been collected and a later allocation of the
 * same kind looks at its reference queue. So after each class this collects garbage and allocates a
 * pooled and an unpooled buffer, which drains the queue, before it looks at what was reported. A leak
 * is blamed on the class during or after which it was found: usually that class, at worst the one
 * before it (the report names the allocation and last access sites, which is what matters).
 */
public final class FailOnLeak implements BeforeAllCallback, AfterAllCallback {

    private static final Recorder RECORDER = new Recorder();

    @Override
    public void beforeAll(ExtensionContext context) {
        RECORDER.install();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        List<String> leaks = collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leak(s) during or just before "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    /** Makes Netty report what leaked so far, and returns (and forgets) every report since the last call. */
    static List<String> collectLeaks() throws InterruptedException {
        RECORDER.install();
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(10);
            PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            PooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
            ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.directBuffer(16);
            unpooled.release();
            UnpooledByteBufAllocator.DEFAULT.heapBuffer(16).release();
        }
        return RECORDER.takeAll();
    }

    /** Keeps every {@code LEAK:} error logged anywhere; attached to the root logger once per JVM. */
    private static final class Recorder extends AppenderBase<ILoggingEvent> {

        private final List<String> leaks = new ArrayList<>();

        synchronized void install() {
            if (isStarted()) {
                return;
            }
            setName("fail-on-leak");
            setContext(((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).getLoggerContext());
            start();
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(this);
        }

        @Override
        protected void append(ILoggingEvent event) {
            String message = event.getFormattedMessage();
            if (message != null && message.startsWith("LEAK:")) {
                synchronized (leaks) {
                    leaks.add(event.getLoggerName() + ": " + message);
                }
            }
        }

        List<String> takeAll() {
            synchronized (leaks) {
                List<String> all = List.copyOf(leaks);
                leaks.clear();
                return all;
            }
        }
    }
}
