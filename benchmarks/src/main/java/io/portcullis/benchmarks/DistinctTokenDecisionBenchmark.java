package io.portcullis.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.identity.Identity;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.IdentitySettings;
import io.portcullis.proxy.access.AccessPipeline;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.access.authn.BearerAuthenticator;
import io.portcullis.proxy.access.stage.RoutePolicy;
import io.portcullis.proxy.access.stage.RouteRateLimit;
import io.portcullis.proxy.access.stage.TrackedRisk;
import io.portcullis.proxy.access.stage.VerifiedPosture;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.forward.PlainRequestFacts;
import io.portcullis.proxy.forward.RequestRewrite;
import io.portcullis.proxy.observe.DecisionRecord;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole in-process cost of a request whose token was never seen before, as bench/run.sh's
 * distinct-token runs send them: the request as the server builds it, bearer extraction and digest, a
 * verified-token cache miss, parse and signature check, claims conversion, the cache's first-sight mark
 * (no entry: see below), posture from the identity token's claim, the policy, the upstream headers
 * rewritten with the identity headers, and the decision line as the writer thread renders it.
 * Everything but the network and the line's output.
 *
 * <p>Like the load test's tokens, each is new whenever it is presented: the cache keeps a token only at
 * its second sight, and its first-sight table ({@value #CACHE} entries: 1,024 slots) has long forgotten
 * a token when {@value #TOKENS} others have come between; the teardown checks that no lookup hit.
 * Minting the tokens takes the set-up a while (RS256 signatures on every core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DistinctTokenDecisionBenchmark {

    static final int TOKENS = 16_384;
    static final int CACHE = 256;

    @Param({"RS256"})
    public String alg;

    private IdentityBed bed;
    private DefaultIdentityService service;
    private CompiledConfig compiled;
    private AccessPipeline pipeline;
    private Route app;
    private InetAddress client;
    private List<List<String>> authorizations;
    private HttpHeaders clientHeaders;
    private final LongAdder hits = new LongAdder();
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        bed = new IdentityBed();
        service = DefaultIdentityService.start(bed.config, new IdentityEvents() {
            @Override
            public void tokenCache(boolean hit) {
                if (hit) {
                    hits.increment();
                }
            }
        }, new IdentitySettings(Clock.systemUTC(), Duration.ofSeconds(30), CACHE));
        compiled = new CompiledConfig(0, bed.issuer.issuerUrl(), bed.issuer.jwksUri(), service);
        pipeline = new AccessPipeline(List.of(new BearerAuthenticator(service, false, null)),
                new VerifiedPosture(service, bed.config.identity().devicePosture()), TrackedRisk.INSTANCE,
                RoutePolicy.INSTANCE, RouteRateLimit.INSTANCE);
        app = compiled.route("app");
        client = InetAddress.getLoopbackAddress();
        JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
        authorizations = IntStream.range(0, TOKENS).parallel()
                .mapToObj(n -> List.of("Bearer " + BenchTokens.valid(bed.issuer, algorithm, n, Duration.ofHours(2))))
                .toList();
        clientHeaders = new DefaultHttpHeaders()
                .add("Host", "app.example")
                .add("User-Agent", "wrk")
                .add("Accept", "*/*")
                .add("Authorization", authorizations.get(0).get(0));
        // Waits for the service's own JWKS fetch, then checks every part answers as the load test expects.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!service.issuers().stream().allMatch(s -> s.keysLoaded()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        StringBuilder line = decision();
        if (!line.toString().contains("\"decision\":\"allow\"")) {
            throw new IllegalStateException("the benchmark request should be allowed: " + line);
        }
        // The check took token 0 (next is 1 now): it comes round again only after all the others.
        hits.reset();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long h = hits.sum();
        service.close();
        bed.close();
        if (h != 0) {
            throw new IllegalStateException(h + " verified-token cache hits: the benchmark must only miss");
        }
    }

    @Benchmark
    public StringBuilder decision() {
        List<String> authorization = authorizations.get(next);
        next = (next + 1) % TOKENS;
        long start = System.nanoTime();
        AccessRequest request = new AccessRequest(
                new AccessRequest.Target(app, "GET", "app.example", "/app", null, null),
                name -> name.equalsIgnoreCase("Authorization") ? authorization : List.of(),
                new AccessRequest.Peer(client, client, null), Instant.now(), "bench");
        Verdict verdict = pipeline.decide(request, AccessState.NONE).join().verdict();
        if (verdict.kind() != Verdict.Kind.FORWARD) {
            throw new IllegalStateException("refused: " + verdict);
        }
        HttpHeaders upstream = clientHeaders.copy();
        RequestRewrite.apply(upstream, compiled.runtime, new PlainRequestFacts(app, verdict, client, "bench"));
        Identity id = verdict.identity();
        // The fields ExchangeLog gives an allowed request's line, rendered as the decision writer renders it.
        DecisionRecord record = DecisionRecord.builder().time(Instant.now()).requestId("bench").route(app.id())
                .method("GET").path("/app").sourceIp("127.0.0.1")
                .issuer(id.issuerId()).subject(id.subject()).tokenRef(id.tokenRef())
                .deviceId(verdict.posture() == null ? null : verdict.posture().deviceId())
                .decision("allow").reasons(verdict.reasons()).policy(verdict.decision().policy())
                .rule(verdict.decision().rule()).status(200)
                .decisionMicros((System.nanoTime() - start) / 1000).latencyMicros(0)
                .configSha256(compiled.runtime.config().sha256()).build();
        return record.appendJson(new StringBuilder(512));
    }
}
