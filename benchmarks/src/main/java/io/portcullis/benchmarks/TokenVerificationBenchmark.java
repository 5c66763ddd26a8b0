package io.portcullis.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.AuthFailure;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.IdentitySettings;
import io.portcullis.identity.jwks.JwksCache;
import io.portcullis.identity.token.IssuerDirectory;
import io.portcullis.identity.token.Role;
import io.portcullis.identity.token.TokenVerifier;
import io.portcullis.identity.token.TrustedIssuer;
import io.portcullis.identity.token.Verification;
import java.net.http.HttpClient;
import java.time.Clock;
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
 * Token verification. Uncached: the full check a verified-token cache miss pays (parse, header
 * rules, issuer, signature with the JWKS key, claims), through the service's own {@link TokenVerifier}
 * wiring. Service miss: {@code DefaultIdentityService.authenticate} with no room in its verified-token
 * cache, so every call pays what a never-seen token pays (digest, verification, the identity and its
 * claim posture). Key-free refusal: a token from an issuer the verifier does not know, refused after
 * the header and claims are read and before any key is needed: the parsing part of a miss, without the
 * signature check that dominates (and makes noisy) the others. Cached: {@code DefaultIdentityService.authenticate} of a token it has already verified.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenVerificationBenchmark {

    private IdentityBed bed;
    private TokenVerifier uncached;
    private DefaultIdentityService cacheless;
    private String rs256;
    private String es256;
    private String unknownIssuerRs256;

    @Setup(Level.Trial)
    public void setUp() {
        bed = new IdentityBed();
        // The same issuer wiring the service uses, without the verified-token cache in front of it.
        IssuerConfig issuer = bed.config.identity().issuers().get(0);
        JwksCache keys = new JwksCache(issuer, HttpClient.newHttpClient(), IdentityEvents.NONE,
                Clock.systemUTC(), Duration.ofSeconds(30));
        keys.keys().join();
        uncached = new TokenVerifier(new IssuerDirectory(List.of(new TrustedIssuer(issuer, Role.IDENTITY, keys))),
                IdentityEvents.NONE, Clock.systemUTC());
        rs256 = BenchTokens.valid(bed.issuer, JWSAlgorithm.RS256, 1, Duration.ofHours(2));
        es256 = BenchTokens.valid(bed.issuer, JWSAlgorithm.ES256, 2, Duration.ofHours(2));
        unknownIssuerRs256 = BenchTokens.signedAs(bed.issuer, "https://unknown.example", JWSAlgorithm.RS256, 3,
                Duration.ofHours(2));
        if (!(uncached.verify(unknownIssuerRs256, Role.IDENTITY).join() instanceof Verification.Refused refused)
                || refused.reason() != AuthFailure.ISSUER_UNKNOWN) {
            throw new IllegalStateException("the unknown issuer's token was not refused as such");
        }
        requireVerified(uncached.verify(rs256, Role.IDENTITY).join());
        requireVerified(uncached.verify(es256, Role.IDENTITY).join());
        if (!(bed.service.authenticate(rs256).join() instanceof AuthResult.Authenticated)) {
            throw new IllegalStateException("the service refused the benchmark token");
        }
        // A cache of size zero keeps nothing: every authenticate below is a miss.
        cacheless = DefaultIdentityService.start(bed.config, IdentityEvents.NONE,
                new IdentitySettings(Clock.systemUTC(), Duration.ofSeconds(30), 0));
        if (!(cacheless.authenticate(rs256).join() instanceof AuthResult.Authenticated)) {
            throw new IllegalStateException("the cacheless service refused the benchmark token");
        }
    }

    private static void requireVerified(Verification v) {
        if (!(v instanceof Verification.Verified)) {
            throw new IllegalStateException("benchmark token refused: " + v);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cacheless.close();
        bed.close();
    }

    @Benchmark
    public Verification uncachedRs256() {
        return uncached.verify(rs256, Role.IDENTITY).join();
    }

    @Benchmark
    public Verification uncachedEs256() {
        return uncached.verify(es256, Role.IDENTITY).join();
    }

    @Benchmark
    public Verification keyFreeRefusalRs256() {
        return uncached.verify(unknownIssuerRs256, Role.IDENTITY).join();
    }

    @Benchmark
    public AuthResult serviceMissRs256() {
        return cacheless.authenticate(rs256).join();
    }

    @Benchmark
    public AuthResult cachedRs256() {
        return bed.service.authenticate(rs256).join();
    }
}
