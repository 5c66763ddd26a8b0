package io.portcullis.benchmarks;

import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.fixtures.DPoPClient;
import io.portcullis.identity.binding.BindingOutcome;
import io.portcullis.identity.binding.DPoPProofCheck;
import io.portcullis.identity.binding.DPoPSettings;
import io.portcullis.identity.replay.MemoryReplayGuard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a DPoP-bound request costs on top of its token (RFC 9449): {@code proofEs256} is the whole
 * {@link DPoPProofCheck} of an ES256 proof — parse, header and key rules, claims, {@code htu}
 * normalization, {@code ath}, the RFC 7638 thumbprint, the signature, and the {@code jti} recorded in a
 * {@link MemoryReplayGuard}, for a client whose key the check has seen (its header is checked and its
 * key decoded once: every later proof of that client); {@code proofEs256NewKey} is the same for a
 * client's first proof (header rules, on-curve check, thumbprint and key conversion included);
 * {@code replayMemory} is the replay step alone, for a value never seen.
 *
 * <p>Every accepted proof must be new, and signing one costs as much as checking it, so proofs are made
 * in advance and used in turn; each time the pool comes round, the guard's ticker jumps past the replay
 * window so the earlier identifiers have expired (as they would have in real time). The check's clock
 * is frozen at the moment the proofs were made, so none goes stale during the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DPoPProofBenchmark {

    private static final int POOL = 4096;
    private static final String URI = "https://api.example.com/orders/42";
    private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImNuZiI6e319.c2lnbmF0dXJl";

    private final AtomicLong ticker = new AtomicLong();
    private final AtomicLong fresh = new AtomicLong();
    private DPoPProofCheck check;
    private MemoryReplayGuard replayOnly;
    private List<List<String>> proofs;
    private String jkt;
    private long windowNanos;
    private int next;
    private DPoPSettings settings;
    private DPoPProofCheck newKeyCheck;
    private List<List<String>> newKeyProofs;
    private List<String> newKeyJkts;
    private int nextNewKey;

    @Setup(Level.Trial)
    public void setUp() {
        DPoPClient client = DPoPClient.es256();
        jkt = client.thumbprint();
        proofs = java.util.stream.IntStream.range(0, POOL)
                .mapToObj(i -> List.of(client.proof("GET", URI, TOKEN))).toList();
        List<DPoPClient> clients = java.util.stream.IntStream.range(0, POOL).mapToObj(i -> DPoPClient.es256()).toList();
        newKeyProofs = clients.stream().map(c -> List.of(c.proof("GET", URI, TOKEN))).toList();
        newKeyJkts = clients.stream().map(DPoPClient::thumbprint).toList();
        // Frozen once every proof is made: none is ahead of it, none goes stale during the run.
        Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        MemoryReplayGuard guard = new MemoryReplayGuard(100_000, ticker::get);
        settings = DPoPSettings.of(SenderConstraintConfig.defaults(), guard, null, frozen);
        newKeyCheck = new DPoPProofCheck(settings);
        windowNanos = settings.replayWindow().toNanos() + TimeUnit.SECONDS.toNanos(1);
        check = new DPoPProofCheck(settings);
        replayOnly = new MemoryReplayGuard(1_000_000, ticker::get);
        if (!(proofEs256() instanceof BindingOutcome.Accepted)) {
            throw new IllegalStateException("the benchmark proof was refused");
        }
    }

    @Benchmark
    public BindingOutcome proofEs256() {
        if (next == POOL) {
            next = 0;
            ticker.addAndGet(windowNanos);
        }
        BindingOutcome outcome = check.check(proofs.get(next++), "GET", URI, TOKEN, jkt).toCompletableFuture().join();
        if (!(outcome instanceof BindingOutcome.Accepted)) {
            throw new IllegalStateException("refused during the run: " + outcome);
        }
        return outcome;
    }

    @Benchmark
    public BindingOutcome proofEs256NewKey() {
        if (nextNewKey == POOL) {
            // A new check knows no key: every proof of the next round is again its client's first.
            nextNewKey = 0;
            ticker.addAndGet(windowNanos);
            newKeyCheck = new DPoPProofCheck(settings);
        }
        int i = nextNewKey++;
        BindingOutcome outcome = newKeyCheck.check(newKeyProofs.get(i), "GET", URI, TOKEN, newKeyJkts.get(i))
                .toCompletableFuture().join();
        if (!(outcome instanceof BindingOutcome.Accepted)) {
            throw new IllegalStateException("refused during the run: " + outcome);
        }
        return outcome;
    }

    @Benchmark
    public Boolean replayMemory() {
        return replayOnly.firstUse("dpop", Long.toString(fresh.incrementAndGet()), java.time.Duration.ofSeconds(70))
                .toCompletableFuture().join();
    }
}
