package io.portcullis.benchmarks;

import io.portcullis.config.RedisStateConfig;
import io.portcullis.fixtures.RedisServerProcess;
import io.portcullis.identity.replay.ReplayGuard;
import io.portcullis.proxy.state.MemoryStateStore;
import io.portcullis.proxy.state.RedisStateStore;
import io.portcullis.proxy.state.StateEvents;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The replay check of a DPoP proof's (or security event's) {@code jti} through the state store, as the
 * proxy wires it: {@code memory} is {@code state: memory}, {@code redis} is {@code state: redis}
 * against a real redis-server on loopback (one {@code SET NX PX} round trip, plus the replica's own
 * memory), waited for here so the figure is the latency a request sees. Every value is new, as every
 * accepted proof is. Needs redis-server on the PATH (or REDIS_SERVER).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplayStoreBenchmark {

    private static final Duration WINDOW = Duration.ofSeconds(70);

    private final AtomicLong fresh = new AtomicLong();
    private RedisServerProcess server;
    private MemoryStateStore memoryStore;
    private RedisStateStore redisStore;
    private ReplayGuard memory;
    private ReplayGuard redis;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        if (!RedisServerProcess.available()) {
            throw new IllegalStateException(RedisServerProcess.INSTALL_HINT);
        }
        server = RedisServerProcess.start();
        memoryStore = new MemoryStateStore(Clock.systemUTC());
        redisStore = new RedisStateStore(new RedisStateConfig(URI.create(server.url()), null, null, null, null, null, 0,
                "bench:", Duration.ofSeconds(2), Duration.ofSeconds(1)), StateEvents.NONE, Clock.systemUTC());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!redisStore.health().up()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis did not connect: " + redisStore.health().reason());
            }
            Thread.sleep(10);
        }
        memory = memoryStore.replays();
        redis = redisStore.replays();
        if (!redis().equals(Boolean.TRUE)) {
            throw new IllegalStateException("a new value was refused");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        redisStore.close();
        memoryStore.close();
        server.close();
    }

    @Benchmark
    public Boolean memory() {
        return memory.firstUse("dpop", Long.toString(fresh.incrementAndGet()), WINDOW).toCompletableFuture().join();
    }

    @Benchmark
    public Boolean redis() {
        return redis.firstUse("dpop", Long.toString(fresh.incrementAndGet()), WINDOW).toCompletableFuture().join();
    }
}
