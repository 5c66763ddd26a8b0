package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.RedisStateConfig;
import io.portcullis.identity.revocation.Revocation;
import io.portcullis.proxy.state.RedisStateStore;
import io.portcullis.proxy.state.StateEvents;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared state store against the Valkey image the compose stack runs, instead of a local
 * redis-server: a revocation taken by one replica reaches the other, a limit holds across both, a
 * one-time value is accepted once. For machines with a Docker engine; without one it is skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class ValkeyContainerIT {

    private static final int PORT = 6379;

    @Container
    private static final GenericContainer<?> VALKEY = new GenericContainer<>(DockerImageName.parse(
            "valkey/valkey:" + System.getProperty("valkey.version", "8.1-alpine")))
            .withCommand("valkey-server", "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction")
            .withExposedPorts(PORT);

    private static RedisStateStore store() {
        return new RedisStateStore(new RedisStateConfig(
                URI.create("redis://" + VALKEY.getHost() + ":" + VALKEY.getMappedPort(PORT)), null, null, null, null,
                null, 0, "it:", Duration.ofSeconds(2), Duration.ofSeconds(1)), StateEvents.NONE, Clock.systemUTC());
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within 20 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void twoReplicasAgreeThroughValkey() throws Exception {
        try (RedisStateStore a = store(); RedisStateStore b = store()) {
            eventually("both connected", () -> a.health().up() && b.health().up());
            Instant now = Instant.now();
            a.revocations().revoke(new Revocation(Revocation.Kind.JTI, "corp", "token-1", now, now.plusSeconds(600)));
            eventually("b refuses token-1", () -> b.revocations().revokedAt(Revocation.Kind.JTI, "corp", "token-1") != null);
            assertEquals(null, b.revocations().revokedAt(Revocation.Kind.JTI, "corp", "token-2"));

            int allowed = 0;
            for (int i = 0; i < 20; i++) {
                RedisStateStore replica = i % 2 == 0 ? a : b;
                if (replica.buckets().take("route\ncaller", 5, 5 / 60.0).toCompletableFuture().get(5, TimeUnit.SECONDS) == 0) {
                    allowed++;
                }
            }
            assertEquals(5, allowed, "5 a minute across both replicas");

            assertTrue(a.replays().firstUse("dpop", "proof-1", Duration.ofMinutes(1)).toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertFalse(b.replays().firstUse("dpop", "proof-1", Duration.ofMinutes(1)).toCompletableFuture().get(5, TimeUnit.SECONDS));
        }
    }
}
