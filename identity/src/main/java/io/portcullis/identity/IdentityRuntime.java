package io.portcullis.identity;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads and HTTP client the identity services share. A reconfigured service keeps using the same
 * runtime (its key caches run on it), so it is reference counted and shut down by the last owner.
 * All threads are daemons: they must never keep the JVM alive.
 */
final class IdentityRuntime {

    private final ScheduledExecutorService scheduler;
    private final ExecutorService httpExecutor;
    private final HttpClient http;
    private final AtomicInteger owners = new AtomicInteger(1);

    IdentityRuntime() {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("identity-jwks-refresh"));
        this.httpExecutor = Executors.newFixedThreadPool(2, daemon("identity-jwks-http"));
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    HttpClient http() {
        return http;
    }

    IdentityRuntime retain() {
        owners.incrementAndGet();
        return this;
    }

    void release() {
        if (owners.decrementAndGet() == 0) {
            scheduler.shutdownNow();
            httpExecutor.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
