package io.portcullis.benchmarks;

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
 * The policy's {@code matches} test as it runs today (java.util.regex over a step-budgeted
 * CharSequence, patterns vetted by SafeRegex) against RE2/J (linear time by construction, no budget
 * needed) on the same patterns and values: three everyday shapes that both accept, and one SafeRegex
 * accepts that backtracks polynomially ({@code [a-z]*[a-z]*[a-z]*x} on 2 000 letters), where the
 * budget answers UNKNOWN and RE2/J answers false.
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

    private RegexTest jdk;
    private com.google.re2j.Pattern re2;
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
        jdk = new RegexTest(java.util.regex.Pattern.compile(regex));
        re2 = com.google.re2j.Pattern.compile(regex);
        Tri expected = shape.equals("polynomial") ? Tri.UNKNOWN : Tri.TRUE;
        if (jdk.test(value) != expected || re2.matches(value) != !shape.equals("polynomial")) {
            throw new IllegalStateException("engines disagree on " + shape);
        }
    }

    @Benchmark
    public Tri jdkBudgeted() {
        return jdk.test(value);
    }

    @Benchmark
    public boolean re2j() {
        return re2.matches(value);
    }
}
