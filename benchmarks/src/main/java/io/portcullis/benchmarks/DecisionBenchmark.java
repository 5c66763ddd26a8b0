package io.portcullis.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.policy.Policy;
import io.portcullis.policy.RequestFacts;
import io.portcullis.proxy.auth.Authorizer;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.config.DevicePostureConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The whole in-process decision for a request with an already verified token: bearer extraction,
 * verified-token cache (SHA-256 of the token), device posture from the identity token's claim, and
 * the example policy. Everything but the network.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {

    private IdentityBed bed;
    private DevicePostureConfig posture;
    private Policy example;
    private RequestFacts request;
    private List<String> authorization;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bed = new IdentityBed();
        posture = bed.config.identity().devicePosture();
        example = new CompiledConfig(0, bed.issuer.issuerUrl(), bed.issuer.jwksUri(), bed.service)
                .route("admin").policy();
        request = new RequestFacts("GET", "app.example", "/admin/users", InetAddress.getByName("127.0.0.1"));
        authorization = List.of("Bearer " + BenchTokens.valid(bed.issuer, JWSAlgorithm.RS256, 1, Duration.ofHours(2)));
        Verdict first = cachedTokenDecision();
        if (first.kind() != Verdict.Kind.FORWARD) {
            throw new IllegalStateException("the benchmark request should be forwarded: " + first);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bed.close();
    }

    @Benchmark
    public Verdict cachedTokenDecision() {
        return Authorizer.authorize(bed.service, posture, example, request, authorization, null).join();
    }
}
