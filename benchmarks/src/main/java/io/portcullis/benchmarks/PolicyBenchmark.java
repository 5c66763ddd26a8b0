package io.portcullis.benchmarks;

import io.portcullis.policy.Decision;
import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.Outcome;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.RequestFacts;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The documented example policy ({@code admins-on-compliant-devices}, compiled by PolicyCompiler from
 * the YAML) evaluated for an admin that passes every part: deny, allow and both requirements run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyBenchmark {

    private Policy example;
    private PolicyInput admin;

    @Setup
    public void setUp() throws Exception {
        example = CompiledConfig.offline(0).route("admin").policy();
        Instant now = Instant.now();
        IdentityFacts identity = new IdentityFacts("https://issuer.bench.invalid", "alice", Map.of(
                "sub", "alice",
                "groups", List.of("staff", "admins"),
                "amr", List.of("pwd", "otp"),
                "auth_time", now.minus(Duration.ofHours(1)).getEpochSecond()), null);
        DeviceFacts device = new DeviceFacts("dev-1", "identity-claim",
                Map.of("id", "dev-1", "compliant", true, "patch_age_days", 5L));
        admin = new PolicyInput(new RequestFacts("GET", "app.example", "/admin/users",
                InetAddress.getByName("127.0.0.1")), identity, device, now);
        Decision d = example.evaluate(admin);
        if (d.outcome() != Outcome.ALLOW) {
            throw new IllegalStateException("the example policy should allow the benchmark admin: " + d);
        }
    }

    @Benchmark
    public Decision examplePolicyAllow() {
        return example.evaluate(admin);
    }
}
