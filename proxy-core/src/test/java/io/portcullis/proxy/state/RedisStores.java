package io.portcullis.proxy.state;

import io.portcullis.config.ClientSecret;
import io.portcullis.config.RedisStateConfig;
import io.portcullis.fixtures.RedisServerProcess;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Helpers for tests against a real redis-server. */
final class RedisStores {

    private RedisStores() {
    }

    static void assumeRedis() {
        Assumptions.assumeTrue(RedisServerProcess.available(), RedisServerProcess.INSTALL_HINT);
    }

    static RedisStateConfig config(RedisServerProcess server, String prefix, String password) {
        return new RedisStateConfig(URI.create(server.url()), null,
                password == null ? null : new ClientSecret(password, "test"), null, null, null, 0, prefix,
                Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    /** Polls until the condition holds; fails after {@code within}. */
    static void eventually(Duration within, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                Assertions.fail(what + " did not happen within " + within);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Assertions.fail("interrupted");
            }
        }
    }
}
