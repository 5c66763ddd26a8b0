package io.portcullis.identity.binding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.identity.replay.MemoryReplayGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Settings and helpers the binding tests share: the defaults of the config, a fresh memory replay guard. */
final class ProofBed {

    static final String URI = "https://api.example.com/orders/42";
    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    private ProofBed() {
    }

    /** The config's default proof settings, no nonces, a fresh guard, the system clock (proofs are made now). */
    static DPoPSettings settings() {
        return settings(null);
    }

    static DPoPSettings settings(DPoPNonceSource nonces) {
        SenderConstraintConfig defaults = SenderConstraintConfig.defaults();
        return new DPoPSettings(Set.copyOf(defaults.dpopAlgorithms().stream().map(JWSAlgorithm::parse).toList()),
                defaults.dpopMaxAge(), defaults.dpopClockSkew(), nonces, new MemoryReplayGuard(10_000),
                Clock.systemUTC());
    }

    static List<String> algorithms() {
        return SenderConstraintConfig.defaults().dpopAlgorithms();
    }

    /** The outcome of a stage that must already be complete (memory guard): no waiting in these tests. */
    static BindingOutcome now(CompletionStage<BindingOutcome> stage) {
        var future = stage.toCompletableFuture();
        assertTrue(future.isDone(), "a memory replay guard answers at once");
        try {
            return future.get(0, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
