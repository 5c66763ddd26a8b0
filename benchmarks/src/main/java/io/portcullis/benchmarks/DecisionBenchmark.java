package io.portcullis.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.proxy.access.AccessPipeline;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
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
 * The whole in-process decision for a request with an already verified token, through the access
 * pipeline the proxy runs (without login): the request as the server builds it, bearer extraction,
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
    private AccessPipeline pipeline;
    private Route admin;
    private InetAddress client;
    private List<String> authorization;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bed = new IdentityBed();
        // The server's own pipeline (its stages as the proxy wraps them for tracing), for a bearer-only config.
        CompiledConfig compiled = new CompiledConfig(0, bed.issuer.issuerUrl(), bed.issuer.jwksUri(), bed.service);
        pipeline = compiled.runtime.access();
        admin = compiled.route("admin");
        client = InetAddress.getByName("127.0.0.1");
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
        // Built per request, as the server builds it.
        AccessRequest request = new AccessRequest(
                new AccessRequest.Target(admin, "GET", "app.example", "/admin/users", null, null),
                name -> name.equalsIgnoreCase("Authorization") ? authorization : List.of(),
                new AccessRequest.Peer(client, client, null), Instant.now(), "bench");
        return pipeline.decide(request, AccessState.NONE).join().verdict();
    }
}
