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
public final class RedisStores {

    private RedisStores() {
    }

    public static void assumeRedis() {
        Assumptions.assumeTrue(RedisServerProcess.available(), RedisServerProcess.INSTALL_HINT);
    }

    public static RedisStateConfig config(RedisServerProcess server, String prefix, String password) {
        return new RedisStateConfig(URI.create(server.url()), null,
                password == null ? null : new ClientSecret(password, "test"), null, null, null, 0, prefix,
                Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    /** Two stores (two replicas) on one server, waited for until both are connected. */
    public static RedisStateStore[] connectedPair(RedisServerProcess server, String prefix, StateEvents events) {
        RedisStateStore a = new RedisStateStore(config(server, prefix, null), events, java.time.Clock.systemUTC());
        RedisStateStore b = new RedisStateStore(config(server, prefix, null), events, java.time.Clock.systemUTC());
        // A first connection on a cold JVM can take a few command timeouts; it is retried until it works.
        eventually(Duration.ofSeconds(20), "both stores up", () -> a.health().up() && b.health().up());
        return new RedisStateStore[] {a, b};
    }

    /** Polls until the condition holds; fails after {@code within}. */
    public static void eventually(Duration within, String what, BooleanSupplier condition) {
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
