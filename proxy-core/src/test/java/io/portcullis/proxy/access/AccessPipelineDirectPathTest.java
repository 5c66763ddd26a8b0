package io.portcullis.proxy.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.DevicePostureConfig;
import io.portcullis.identity.IdentityService;
import io.portcullis.policy.Decision;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyInput;
import io.portcullis.proxy.access.authn.BearerAuthenticator;
import io.portcullis.proxy.access.stage.PostureOutcome;
import io.portcullis.proxy.access.stage.RoutePolicy;
import io.portcullis.proxy.access.stage.RouteRateLimit;
import io.portcullis.proxy.access.stage.TrackedRisk;
import io.portcullis.proxy.access.stage.VerifiedPosture;
import io.portcullis.proxy.auth.DecisionBed;
import io.portcullis.proxy.auth.DeferredIdentityService;
import io.portcullis.proxy.auth.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline with the bearer authenticator, as the proxy runs it without login. A request whose
 * token and posture are already known is decided without future stages; its verdict
 * must be the one the asynchronous path gives, which this test gets by holding every identity answer
 * back ({@link DeferredIdentityService}) for the same requests.
 */
class AccessPipelineDirectPathTest {

    private static DecisionBed bed;
    private static IdentityService identity;
    private static DevicePostureConfig posture;
    private static Policy admins;
    private static Policy open;

    @BeforeAll
    static void start() throws Exception {
        bed = new DecisionBed();
        identity = bed.identity;
        posture = bed.posture;
        admins = bed.policy("admins-on-compliant-devices");
        open = bed.policy("public");
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    private static String admin(boolean compliant) {
        return bed.admin(compliant, true);
    }

    /** The bearer pipeline the proxy runs without login. */
    private static AccessPipeline pipeline(IdentityService service) {
        return new AccessPipeline(List.of(new BearerAuthenticator(service, false, null)),
                new VerifiedPosture(service, posture), TrackedRisk.INSTANCE, RoutePolicy.INSTANCE,
                RouteRateLimit.INSTANCE);
    }

    /** The bearer pipeline's verdict on the bed's route with {@code policy}. */
    private static CompletableFuture<Verdict> decide(IdentityService service, Policy policy, List<String> authorization,
                                                     String postureToken) {
        return pipeline(service).decide(bed.access(policy, authorization, postureToken), AccessState.NONE)
                .thenApply(AccessDecision::verdict);
    }

    private static Verdict join(CompletableFuture<Verdict> verdict) throws Exception {
        return verdict.get(20, TimeUnit.SECONDS);
    }

    /** The verdict of the asynchronous path: the same request with every identity answer held back. */
    private static Verdict deferred(Policy policy, List<String> authorization, String postureToken) throws Exception {
        DeferredIdentityService held = new DeferredIdentityService(identity);
        CompletableFuture<Verdict> verdict = decide(held, policy, authorization,
                postureToken);
        held.release();
        return join(verdict);
    }

    private static void assertSameVerdict(Verdict expected, Verdict actual) {
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.reasons(), actual.reasons());
        assertEquals(expected.decision(), actual.decision());
        assertEquals(expected.identity(), actual.identity());
        assertEquals(expected.posture(), actual.posture());
        assertEquals(expected.postureProblem(), actual.postureProblem());
        assertEquals(expected.input() == null, actual.input() == null);
        if (expected.input() != null) {
            assertEquals(expected.input().identity(), actual.input().identity());
            assertEquals(expected.input().device(), actual.input().device());
            assertEquals(expected.input().request().path(), actual.input().request().path());
            assertEquals(expected.input().request().sourceIp(), actual.input().request().sourceIp());
        }
    }

    @Test
    void aCachedTokenIsDecidedAtOnceWithTheAsynchronousPathsVerdict() throws Exception {
        List<String> authorization = List.of("Bearer " + admin(true));
        Verdict uncached = join(decide(identity, admins, authorization, null));

        CompletableFuture<Verdict> cached = decide(identity, admins, authorization, null);

        assertTrue(cached.isDone(), "no stage waits on anything for a cached token");
        assertEquals(Verdict.Kind.FORWARD, cached.join().kind());
        assertEquals("laptop-1", cached.join().posture().deviceId());
        assertSameVerdict(uncached, cached.join());
        assertSameVerdict(deferred(admins, authorization, null), cached.join());
    }

    /** Decides a request with {@code token} twice (verified, then cached) and checks the cached verdict. */
    private static Verdict cachedVerdict(String token, Verdict.Kind expected) throws Exception {
        List<String> authorization = List.of("Bearer " + token);
        join(decide(identity, admins, authorization, null));

        Verdict direct = join(decide(identity, admins, authorization, null));

        assertEquals(expected, direct.kind());
        assertSameVerdict(deferred(admins, authorization, null), direct);
        return direct;
    }

    @Test
    void aNonCompliantDeviceIsForbiddenOnBothPaths() throws Exception {
        Verdict forbidden = cachedVerdict(admin(false), Verdict.Kind.FORBIDDEN);

        assertEquals(List.of("device-not-compliant"), forbidden.reasons());
    }

    @Test
    void aMissingSecondFactorIsAChallengeOnBothPaths() throws Exception {
        Verdict challenge = cachedVerdict(bed.admin(true, false), Verdict.Kind.CHALLENGE);

        assertEquals(List.of("mfa-required"), challenge.reasons());
    }

    @Test
    void aPostureTokenIsStillResolvedAndItsProblemReported() throws Exception {
        List<String> authorization = List.of("Bearer " + admin(true));
        join(decide(identity, admins, authorization, null));

        Verdict direct = join(decide(identity, admins, authorization, "garbage"));

        assertNotNull(direct.postureProblem(), "an invalid posture token never falls back to the claim");
        assertNull(direct.posture());
        assertEquals(Verdict.Kind.FORBIDDEN, direct.kind());
        assertSameVerdict(deferred(admins, authorization, "garbage"), direct);
    }

    @Test
    void missingMalformedAndAmbiguousCredentialsAreRefusedAsBefore() throws Exception {
        Map<List<String>, String> refusals = Map.of(
                List.of(), "token-missing",
                List.of("Bearer a!b"), "token-malformed",
                List.of("Basic YTpi"), "credentials-unsupported-scheme",
                List.of("Bearer a", "Bearer b"), "multiple-authorization-headers");
        for (var refusal : refusals.entrySet()) {
            Verdict direct = join(decide(identity, admins, refusal.getKey(), null));

            assertEquals(List.of(refusal.getValue()), direct.reasons());
            assertNull(direct.identity());
            assertNull(direct.decision(), "the policy is never reached");
            assertSameVerdict(deferred(admins, refusal.getKey(), null), direct);
        }
    }

    @Test
    void theCommonestRefusalIsOneSharedAnswerWithTheSameVerdict() throws Exception {
        AccessPipeline pipeline = pipeline(identity);

        CompletableFuture<AccessDecision> first = pipeline.decide(bed.access(admins, List.of(), null), AccessState.NONE);
        CompletableFuture<AccessDecision> second = pipeline.decide(bed.access(admins, List.of(), null), AccessState.NONE);

        assertSame(first, second, "a request without a credential allocates no decision of its own");
        assertEquals(Verdict.Kind.UNAUTHENTICATED, first.join().verdict().kind());
        assertEquals(List.of("token-missing"), first.join().verdict().reasons());
        assertSame(SessionOutcome.NONE, first.join().session());
        assertNull(first.join().rateLimit());
        assertSameVerdict(deferred(admins, List.of(), null), first.join().verdict());
    }

    @Test
    void anAnonymousRequestWithoutACertificateHasTheSharedNoDeviceAnswer() throws Exception {
        VerifiedPosture stage = new VerifiedPosture(identity, posture);

        CompletableFuture<PostureOutcome> device = stage.posture(bed.access(open, List.of(), null), null);

        assertSame(PostureOutcome.NONE_NOW, device);
        assertNull(device.join().posture());
        assertNull(device.join().facts());
        assertNull(device.join().problem());
        Verdict anonymous = join(decide(identity, open, List.of(), null));
        assertEquals(Verdict.Kind.FORWARD, anonymous.kind());
        assertNull(anonymous.posture(), "no device was claimed or presented");
    }

    @Test
    void aMalformedVariantOfACachedTokenIsStillRefusedAsMalformed() throws Exception {
        String token = admin(true);
        join(decide(identity, admins, List.of("Bearer " + token), null));
        int dot = token.indexOf('.');

        for (String variant : List.of(token + "!", token.substring(0, dot) + "=" + token.substring(dot),
                token.substring(0, dot) + " " + token.substring(dot), token + "\u00e9")) {
            Verdict verdict = join(decide(identity, admins,
                    List.of("Bearer " + variant), null));

            assertEquals(Verdict.Kind.UNAUTHENTICATED, verdict.kind());
            assertEquals(List.of("token-malformed"), verdict.reasons());
            assertNull(verdict.identity());
        }
    }

    @Test
    void aRefusedTokenIsUnauthenticatedOrAnonymousOnAPublicRoute() throws Exception {
        List<String> authorization = List.of("Bearer " + bed.idp.token().audience("elsewhere").sign());

        Verdict refused = join(decide(identity, admins, authorization, null));
        Verdict anonymous = join(decide(identity, open, authorization, null));

        assertEquals(Verdict.Kind.UNAUTHENTICATED, refused.kind());
        assertEquals(List.of("token-audience-invalid"), refused.reasons());
        assertNull(refused.identity());
        assertSameVerdict(deferred(admins, authorization, null), refused);
        assertEquals(Verdict.Kind.FORWARD, anonymous.kind());
        assertNull(anonymous.identity(), "a bad token on a public route is ignored, not trusted");
        assertSameVerdict(deferred(open, authorization, null), anonymous);
    }

    @Test
    void anExpiredTokenIsUnauthenticatedOnBothPaths() throws Exception {
        String token = bed.idp.token().claim("groups", List.of("admins"))
                .issuedAt(Instant.now().minus(Duration.ofMinutes(5))).expiresIn(Duration.ofMinutes(1))
                .sign();

        List<String> authorization = List.of("Bearer " + token);

        Verdict direct = join(decide(identity, admins, authorization, null));

        assertEquals(Verdict.Kind.UNAUTHENTICATED, direct.kind());
        assertEquals(List.of("token-expired"), direct.reasons());
        assertSameVerdict(deferred(admins, authorization, null), direct);
    }

    @Test
    void aFailingPolicyFailsTheFutureOnBothPathsInsteadOfThrowing() throws Exception {
        Policy broken = new Policy() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public Decision evaluate(PolicyInput input) {
                throw new IllegalStateException("policy bug");
            }

            @Override
            public boolean allowsAnonymous() {
                return false;
            }
        };
        List<String> authorization = List.of("Bearer " + admin(true));
        join(decide(identity, admins, authorization, null));

        CompletableFuture<Verdict> direct = decide(identity, broken, authorization, null);
        DeferredIdentityService held = new DeferredIdentityService(identity);
        CompletableFuture<Verdict> async = decide(held, broken, authorization, null);
        held.release();

        for (CompletableFuture<Verdict> verdict : List.of(direct, async)) {
            assertTrue(verdict.isCompletedExceptionally());
            CompletionException joined = assertThrows(CompletionException.class, verdict::join);
            assertInstanceOf(IllegalStateException.class, joined.getCause());
            ExecutionException got = assertThrows(ExecutionException.class, verdict::get);
            assertInstanceOf(IllegalStateException.class, got.getCause());
            Throwable seenByHandler = verdict.handle((v, e) -> e).join();
            assertInstanceOf(CompletionException.class, seenByHandler, "handlers see what thenCompose gives them");
            assertSame(IllegalStateException.class, seenByHandler.getCause().getClass());
        }
    }
}
