package io.portcullis.benchmarks;

import io.portcullis.config.regex.LinearRegex;
import io.portcullis.policy.Tri;
import io.portcullis.policy.values.RegexTest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The policy's {@code matches} test (RE2/J since issue 19; java.util.regex under a step budget
 * before, measured against it in docs/performance.md) on three everyday shapes and one that makes a
 * backtracking engine run polynomially ({@code [a-z]*[a-z]*[a-z]*x} on 2 000 letters, where the old
 * budget answered UNKNOWN and RE2/J answers FALSE).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegexEngineBenchmark {

    @Param({"path", "email", "group", "polynomial"})
    public String shape;

    private RegexTest matches;
    private String value;

    @Setup
    public void setUp() {
        String regex;
        switch (shape) {
            case "path" -> {
                regex = "/api/v[0-9]+/(users|groups)/[^/]+";
                value = "/api/v2/users/alice.example";
            }
            case "email" -> {
                regex = "[^@]+@(corp|ops)\\.example\\.com";
                value = "alice.smith@ops.example.com";
            }
            case "group" -> {
                regex = "team-[a-z0-9-]{1,32}";
                value = "team-payments-emea";
            }
            case "polynomial" -> {
                regex = "[a-z]*[a-z]*[a-z]*x";
                value = "a".repeat(2000);
            }
            default -> throw new IllegalArgumentException(shape);
        }
        matches = new RegexTest(LinearRegex.compile(regex));
        Tri expected = shape.equals("polynomial") ? Tri.FALSE : Tri.TRUE;
        if (matches.test(value) != expected) {
            throw new IllegalStateException("matches should be " + expected + " on " + shape);
        }
    }

    @Benchmark
    public Tri policyMatches() {
        return matches.test(value);
    }
}
