package io.portcullis.proxy.warmup;

import com.nimbusds.jose.JWSAlgorithm;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.WarmupConfig;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.identity.Identity;
import io.portcullis.identity.IdentityService;
import io.portcullis.identity.IdentitySettings;
import io.portcullis.identity.IssuerStatus;
import io.portcullis.identity.revocation.LocalRevocations;
import io.portcullis.identity.revocation.RevocationCheckingIdentityService;
import io.portcullis.policy.PolicySet;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessPipeline;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.access.authn.BearerAuthenticator;
import io.portcullis.proxy.access.authn.BindingState;
import io.portcullis.proxy.access.stage.RoutePolicy;
import io.portcullis.proxy.access.stage.RouteRateLimit;
import io.portcullis.proxy.access.stage.RiskStage;
import io.portcullis.proxy.access.stage.VerifiedPosture;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.forward.PlainRequestFacts;
import io.portcullis.proxy.forward.RequestRewrite;
import io.portcullis.proxy.observe.Metrics;
import io.portcullis.proxy.observe.DecisionRecord;
import io.portcullis.proxy.routing.Route;
import io.portcullis.proxy.sso.SsoRuntime;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a start's warm-up: {@link WarmupConfig#iterations()} decisions per algorithm (RS256, ES256),
 * cycling through the routes, each as a request arrives: bearer extraction, the verified-token cache,
 * parse and signature check, claims conversion, posture, the route's compiled policy, the upstream
 * headers with the route's identity headers, and the decision line rendered into a buffer that is
 * dropped. Half the decisions go through an identity service that keeps no token (every one a full
 * verification, as a stream of new tokens), half through one that caches (the repeat path). Then
 * {@link ListenerWarmup} sends as many requests through a throwaway listener on the process's event
 * loops (the codec, routing, exchange and upstream path), and more until the JIT compilers are done.
 *
 * <p>What runs is built as the process builds its own (identity services wrapped for revocations,
 * events to meters, the logback decision logger, the tokens' device posture healthy when the config
 * reads it from the identity token), so that the code the JIT compiles here is what real requests run,
 * not a variant the first real load would make it throw away.
 *
 * <p>Isolation from the running process is by construction: the identity services are the warm-up's
 * own, trusting only the {@link ThrowawayIssuer}, with revocations of their own, reporting to
 * {@link Metrics#unexported()} meters nobody serves; the access state is {@link AccessState#NONE} (no rate limiter, no risk history); the binding
 * state is a fresh in-memory one; no external PDP is asked; nothing is written to the decision log.
 */
public final class PipelineWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineWarmup.class);
    /** How long the warm-up's own identity service may take to fetch the loopback JWKS. */
    private static final Duration KEYS_WAIT = Duration.ofSeconds(10);
    /** Distinct tokens per algorithm and issuer: RS256 signing is slow, and the verifier need not see new ones. */
    private static final int TOKENS = 16;
    private static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private PipelineWarmup() {
    }

    /**
     * Warms up the path for {@code config} with its compiled {@code policies}, the listener on
     * {@code boss} and {@code workers}. Never throws: a warm-up that cannot run is logged and the start
     * goes on cold.
     */
    public static WarmupReport run(PortcullisConfig config, PolicySet policies, WarmupConfig settings,
                                   EventLoopGroup boss, EventLoopGroup workers) {
        long start = System.nanoTime();
        if (!settings.enabled()) {
            return WarmupReport.skipped("disabled", Duration.ZERO);
        }
        List<IssuerConfig> issuers = config.identity().issuers().stream()
                .filter(i -> !config.isDeviceIssuer(i.id())).toList();
        if (issuers.isEmpty() || config.routes().isEmpty()) {
            return WarmupReport.skipped("no issuer or no route", Duration.ofNanos(System.nanoTime() - start));
        }
        try (ThrowawayIssuer issuer = ThrowawayIssuer.start()) {
            PortcullisConfig warm = WarmupConfigs.of(config, issuer.jwksUri());
            IdentitySettings defaults = IdentitySettings.defaults();
            // Wrapped as the running process wraps its own (revocations checked after authentication), so the
            // call sites compiled here see the classes real requests will bring; the revocations are the warm-up's.
            // The events go to meters nobody exports, of the class the process's own go to.
            Metrics events = Metrics.unexported();
            IdentityService verifying = new RevocationCheckingIdentityService(DefaultIdentityService.start(warm,
                    events, new IdentitySettings(defaults.clock(), defaults.unknownKidRefetchInterval(), 0)),
                    new LocalRevocations(defaults.clock()));
            IdentityService caching = new RevocationCheckingIdentityService(
                    DefaultIdentityService.start(warm, events, defaults), new LocalRevocations(defaults.clock()));
            try {
                if (!keysLoaded(verifying) || !keysLoaded(caching)) {
                    LOG.warn("warm-up skipped: its own loopback JWKS did not load within {}", KEYS_WAIT);
                    return WarmupReport.skipped("keys not loaded", Duration.ofNanos(System.nanoTime() - start));
                }
                Clock clock = Clock.systemUTC();
                Function<PortcullisConfig, RuntimeConfig> compile = c -> RuntimeConfig.of(c, policies, caching,
                        SsoRuntime.disabled(), BindingState.inMemory(clock));
                RuntimeConfig rc = compile.apply(warm);
                List<List<String>> authorizations = tokens(issuer, issuers,
                        config.identity().devicePosture().claimsFromIdentityToken());
                Tally decided = decide(rc, authorizations, settings.iterations(), verifying, caching);
                ListenerWarmup.Answers requests = ListenerWarmup.run(warm, policies, compile, boss, workers, authorizations,
                        settings.iterations(), settings.settle());
                WarmupReport report = new WarmupReport(decided.decisions(), decided.forwarded(), requests.answered(), requests.proxied(),
                        requests.settled(), Duration.ofNanos(System.nanoTime() - start), null);
                LOG.info("warm-up: {} synthetic decisions ({} forwarded), {} requests through a loopback listener ({} proxied,"
                        + " JIT compilers {}), in {} ms", report.decisions(), report.forwarded(), report.requests(), report.proxied(),
                        settings.settle().isZero() ? "not waited for"
                                : report.compilersSettled() ? "settled" : "still busy at the warm-up's bound",
                        report.elapsed().toMillis());
                return report;
            } finally {
                verifying.close();
                caching.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WarmupReport.skipped("interrupted", Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException | java.io.IOException | io.portcullis.config.ConfigException e) {
            LOG.warn("warm-up stopped, the start goes on without it: {}", e.toString());
            return WarmupReport.skipped(e.toString(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * {@value #TOKENS} tokens per algorithm, spread over the identity issuers, as Authorization values; with
     * a healthy device's posture in {@code postureClaim} when the config reads posture from the identity token.
     */
    private static List<List<String>> tokens(ThrowawayIssuer issuer, List<IssuerConfig> issuers, String postureClaim) {
        List<List<String>> authorizations = new ArrayList<>();
        for (JWSAlgorithm alg : ALGORITHMS) {
            for (int n = 0; n < TOKENS; n++) {
                IssuerConfig as = issuers.get(n % issuers.size());
                authorizations.add(List.of("Bearer " + issuer.sign(as.id(), WarmupConfigs.audience(as), alg, n, postureClaim)));
            }
        }
        return authorizations;
    }

    /** The decisions made and how many of them were forwarded. */
    private record Tally(int decisions, int forwarded) {
    }

    private static Tally decide(RuntimeConfig rc, List<List<String>> authorizations, int iterations,
                                IdentityService verifying, IdentityService caching) {
        PortcullisConfig warm = rc.config();
        AccessPipeline[] pipelines = {pipeline(warm, rc.policies(), verifying), pipeline(warm, rc.policies(), caching)};
        List<Route> routes = rc.router().routes();
        InetAddress peer = InetAddress.getLoopbackAddress();
        int decisions = 0;
        int forwarded = 0;
        StringBuilder line = new StringBuilder(1024);
        for (int i = 0; i < iterations * ALGORITHMS.size(); i++) {
            // The algorithms alternate (each gets `iterations` decisions), then the two identity services,
            // then the routes: every route sees both algorithms through both services.
            int algorithm = i % 2;
            int service = (i / 2) % 2;
            int round = i / 4;
            List<String> authorization = authorizations.get(algorithm * TOKENS + round % TOKENS);
            Route route = routes.get(round % routes.size());
            long began = System.nanoTime();
            AccessRequest request = new AccessRequest(
                    new AccessRequest.Target(route, "GET", "warmup.portcullis.invalid", "/", null, null),
                    name -> name.equalsIgnoreCase("Authorization") ? authorization : List.of(),
                    new AccessRequest.Peer(peer, peer, null), Instant.now(), "warmup");
            Verdict verdict = pipelines[service].decide(request, AccessState.NONE).join().verdict();
            decisions++;
            if (verdict.kind() == Verdict.Kind.FORWARD) {
                forwarded++;
                HttpHeaders upstream = new DefaultHttpHeaders().add("Host", "warmup.portcullis.invalid")
                        .add("Accept", "*/*").add("Authorization", authorization.get(0));
                RequestRewrite.apply(upstream, rc, new PlainRequestFacts(route, verdict, peer, "warmup"));
            }
            line.setLength(0);
            record(verdict, route, began).appendJson(line);
        }
        return new Tally(decisions, forwarded);
    }

    /** The pipeline a route's request goes through, with the warm-up's identity and no external PDP. */
    private static AccessPipeline pipeline(PortcullisConfig warm, PolicySet policies, IdentityService identity) {
        return new AccessPipeline(List.of(new BearerAuthenticator(identity, false, null)),
                new VerifiedPosture(identity, warm.identity().devicePosture()), RiskStage.forPolicies(policies),
                RoutePolicy.INSTANCE, RouteRateLimit.INSTANCE);
    }

    /** The decision line's fields as an exchange fills them; rendered, never logged. */
    private static DecisionRecord record(Verdict verdict, Route route, long began) {
        Identity id = verdict.identity();
        boolean allowed = verdict.kind() == Verdict.Kind.FORWARD;
        return DecisionRecord.builder().time(Instant.now()).requestId("warmup").route(route.id())
                .method("GET").path("/").sourceIp("127.0.0.1")
                .issuer(id == null ? null : id.issuerId()).subject(id == null ? null : id.subject())
                .tokenRef(id == null ? null : id.tokenRef())
                .deviceId(verdict.posture() == null ? null : verdict.posture().deviceId())
                .decision(allowed ? "allow" : "deny").reasons(verdict.reasons())
                .policy(verdict.decision() == null ? null : verdict.decision().policy())
                .rule(verdict.decision() == null ? null : verdict.decision().rule()).status(allowed ? 200 : 403)
                .decisionMicros((System.nanoTime() - began) / 1000).latencyMicros(0)
                .configSha256("warmup").build();
    }

    private static boolean keysLoaded(IdentityService identity) {
        long deadline = System.nanoTime() + KEYS_WAIT.toNanos();
        while (!identity.issuers().stream().allMatch(IssuerStatus::keysLoaded)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
