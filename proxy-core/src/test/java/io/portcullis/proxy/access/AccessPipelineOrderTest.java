package io.portcullis.proxy.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.authn.Authentication;
import io.portcullis.proxy.access.authn.Authenticator;
import io.portcullis.proxy.access.authn.FactsAuthenticator;
import io.portcullis.proxy.access.stage.GivenPosture;
import io.portcullis.proxy.access.stage.RateLimitStage;
import io.portcullis.proxy.access.stage.RoutePolicy;
import io.portcullis.proxy.access.stage.TrackedRisk;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.risk.RiskTracker;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pipeline's order: authenticators in turn, anonymous refusal, risk assessed then recorded only on allow. */
class AccessPipelineOrderTest {

    private static Route admins;
    private static Route open;

    @BeforeAll
    static void compile() throws Exception {
        PortcullisConfig config = ConfigLoader.parse("""
                issuers:
                  - id: corp
                    issuer: https://idp.test
                    jwks_uri: https://idp.test/jwks
                    audiences: [portcullis]
                routes:
                  - id: admin
                    match: { path_prefix: /admin }
                    upstream: http://127.0.0.1:9
                    policy: admins
                  - id: open
                    match: { path_prefix: / }
                    upstream: http://127.0.0.1:9
                    policy: open
                policies:
                  admins:
                    allow: { claim: { name: groups, has: admins } }
                  open:
                    allow: { public: true }
                """, "order.yaml");
        RuntimeConfig runtime = RuntimeConfig.of(config, ConfigCompiler.compile(config).policies(), null);
        admins = runtime.router().match("app.test", "/admin", "GET");
        open = runtime.router().match("app.test", "/", "GET");
    }

    private static AccessRequest request(Route route) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new AccessRequest(new AccessRequest.Target(route, "GET", "app.test", "/admin", null, null), name -> List.of(),
                new AccessRequest.Peer(loopback, loopback, null), Instant.now(), "r1");
    }

    private static AccessPipeline pipeline(Authenticator... authenticators) {
        return new AccessPipeline(List.of(authenticators), new GivenPosture(null), TrackedRisk.INSTANCE,
                RoutePolicy.INSTANCE, RateLimitStage.NONE);
    }

    private static final Authenticator DECLINES = request -> Authentication.NOT_RESPONSIBLE_NOW;

    @Test
    void theFirstResponsibleAuthenticatorDecidesWhoAsks() {
        IdentityFacts alice = new IdentityFacts("https://idp", "alice", Map.of("groups", List.of("admins")), null);
        IdentityFacts bob = new IdentityFacts("https://idp", "bob", Map.of(), null);

        Verdict v = pipeline(DECLINES, new FactsAuthenticator(alice, "x"), new FactsAuthenticator(bob, "y"))
                .decide(request(admins), AccessState.NONE).join().verdict();

        assertEquals(Verdict.Kind.FORWARD, v.kind());
        assertEquals("alice", v.input().identity().subject());
    }

    @Test
    void withNoResponsibleAuthenticatorTheRequestIsAnonymousAndRefusedUnlessPublic() {
        AccessDecision refused = pipeline(DECLINES).decide(request(admins), AccessState.NONE).join();
        AccessDecision served = pipeline(DECLINES).decide(request(open), AccessState.NONE).join();

        assertEquals(Verdict.Kind.UNAUTHENTICATED, refused.verdict().kind());
        assertEquals(List.of("token-missing"), refused.verdict().reasons());
        assertNull(refused.verdict().decision(), "the policy is never reached");
        assertEquals(Verdict.Kind.FORWARD, served.verdict().kind());
        assertNull(served.verdict().input().identity());
    }

    @Test
    void anAuthenticatorThatThrowsMakesTheRequestAnonymousNotAFailure() {
        Authenticator broken = request -> {
            throw new IllegalArgumentException("parser bug");
        };

        var decision = pipeline(broken).decide(request(admins), AccessState.NONE);

        assertFalse(decision.isCompletedExceptionally());
        assertEquals(List.of("credential-unreadable"), decision.join().verdict().reasons());
        assertEquals(Verdict.Kind.UNAUTHENTICATED, decision.join().verdict().kind());
    }

    @Test
    void riskIsAssessedBeforeThePolicyAndRecordedOnlyWhenItAllowed() {
        RiskTracker tracker = new RiskTracker(Duration.ofDays(30), RiskTracker.defaultMaxBytes(), Clock.systemUTC());
        AccessState state = new AccessState(tracker, null);
        IdentityFacts bob = new IdentityFacts("https://idp", "bob", Map.of(), null);
        IdentityFacts alice = new IdentityFacts("https://idp", "alice", Map.of("groups", List.of("admins")), null);

        Verdict denied = pipeline(new FactsAuthenticator(bob, "x")).decide(request(admins), state).join().verdict();
        Verdict deniedAgain = pipeline(new FactsAuthenticator(bob, "x")).decide(request(admins), state).join().verdict();
        Verdict allowed = pipeline(new FactsAuthenticator(alice, "x")).decide(request(admins), state).join().verdict();
        Verdict allowedAgain = pipeline(new FactsAuthenticator(alice, "x")).decide(request(admins), state).join()
                .verdict();

        assertEquals(Verdict.Kind.FORBIDDEN, denied.kind());
        assertTrue(denied.input().risk().newNetwork());
        assertTrue(deniedAgain.input().risk().newNetwork(), "a denied request leaves no history");
        assertEquals(Verdict.Kind.FORWARD, allowed.kind());
        assertTrue(allowed.input().risk().newNetwork(), "assessed before this allow was recorded");
        assertFalse(allowedAgain.input().risk().newNetwork(), "the allowed network is known now");
    }
}
