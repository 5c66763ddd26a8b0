package io.portcullis.benchmarks;

import io.portcullis.proxy.routing.Route;
import io.portcullis.proxy.routing.Router;
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
 * First-match routing over 1,000 prefix routes (with a methods list each) in front of the catch-all:
 * a request for the catch-all is the worst case, as every route is tried.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {

    static final int ROUTES = 1_000;

    private Router router;

    @Setup
    public void setUp() {
        router = CompiledConfig.offline(ROUTES).runtime.router();
        if (!"app".equals(router.match("app.example:8080", "/app/page", "GET").id())
                || !"r500".equals(router.match("app.example", "/svc500/x", "GET").id())) {
            throw new IllegalStateException("benchmark routes do not match as expected");
        }
    }

    @Benchmark
    public Route lastOf1000() {
        return router.match("app.example:8080", "/app/page", "GET");
    }

    @Benchmark
    public Route middleOf1000() {
        return router.match("app.example", "/svc500/x", "GET");
    }
}
