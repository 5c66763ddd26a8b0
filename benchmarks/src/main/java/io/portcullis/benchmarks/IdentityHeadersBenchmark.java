package io.portcullis.benchmarks;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.proxy.edge.IdentityHeaderScrubber;
import io.portcullis.proxy.forward.IdentityHeaderRule;
import io.portcullis.proxy.routing.Route;
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
 * Identity-header rewriting as forwarding does it: scrub every client-sent identity header (in any
 * spelling), then render each of the route's rules from the claims and set it. {@link #copyOnly} is
 * the baseline cost of the fresh header set each invocation starts from.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IdentityHeadersBenchmark {

    private IdentityHeaderScrubber scrubber;
    private List<IdentityHeaderRule> rules;
    private Map<String, Object> claims;
    private HttpHeaders clientHeaders;

    @Setup
    public void setUp() {
        CompiledConfig compiled = CompiledConfig.offline(0);
        scrubber = compiled.runtime.scrubber();
        Route admin = compiled.route("admin");
        rules = admin.identityHeaders();
        claims = Map.of("sub", "alice", "email", "alice@example.com", "groups", List.of("staff", "admins"));
        clientHeaders = new DefaultHttpHeaders()
                .add("Host", "app.example")
                .add("User-Agent", "wrk")
                .add("Accept", "*/*")
                .add("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
                .add("x-forwarded-user", "mallory")
                .add("Cookie", "session=1");
        HttpHeaders out = rewrite();
        if (!"alice".equals(out.get("X-Forwarded-User")) || !"staff,admins".equals(out.get("X-Forwarded-Groups"))) {
            throw new IllegalStateException("identity headers not rewritten as expected: " + out);
        }
    }

    @Benchmark
    public HttpHeaders copyOnly() {
        return clientHeaders.copy();
    }

    @Benchmark
    public HttpHeaders rewrite() {
        HttpHeaders h = clientHeaders.copy();
        scrubber.scrub(h);
        for (IdentityHeaderRule rule : rules) {
            IdentityHeaderRule.Rendered r = rule.render(claims);
            if (r.value() != null) {
                h.set(rule.header(), r.value());
            }
        }
        return h;
    }
}
