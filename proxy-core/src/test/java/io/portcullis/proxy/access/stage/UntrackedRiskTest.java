package io.portcullis.proxy.access.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessPipeline;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.access.authn.FactsAuthenticator;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.risk.RiskTracker;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A config whose policies test no risk signal keeps no risk history: an allowed request leaves the
 * listener's tracker as it was. One whose policies do gets {@link TrackedRisk}.
 */
class UntrackedRiskTest {

    private static final String CONFIG = """
            issuers:
              - id: corp
                issuer: https://idp.test
                jwks_uri: https://idp.test/jwks
                audiences: [portcullis]
            routes:
              - id: app
                match: { path_prefix: / }
                upstream: http://127.0.0.1:9
                policy: users
            policies:
              users:
                allow: { authenticated: true }
            %s
            """;

    private static final IdentityFacts ALICE = new IdentityFacts("https://idp.test", "alice", Map.of(), null);

    private static RuntimeConfig compile(String extraPolicies) throws Exception {
        PortcullisConfig config = ConfigLoader.parse(CONFIG.formatted(extraPolicies), "risk.yaml");
        return RuntimeConfig.of(config, ConfigCompiler.compile(config).policies(), null);
    }

    private static Verdict decide(RuntimeConfig runtime, AccessState state) {
        Route app = runtime.router().match("app.test", "/", "GET");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        AccessRequest request = new AccessRequest(new AccessRequest.Target(app, "GET", "app.test", "/", null, null),
                name -> List.of(), new AccessRequest.Peer(loopback, loopback, null), Instant.now(), "r1");
        AccessPipeline pipeline = new AccessPipeline(List.of(new FactsAuthenticator(ALICE, "x")),
                new GivenPosture(null), RiskStage.forPolicies(runtime.policies()), RoutePolicy.INSTANCE,
                RateLimitStage.NONE);
        return pipeline.decide(request, state).join().verdict();
    }

    private static boolean knowsLoopbackFor(RiskTracker tracker, String subject) {
        return !tracker.assess("https://idp.test", subject, null, InetAddress.getLoopbackAddress()).newNetwork();
    }

    @Test
    void withoutARiskTestAnAllowedRequestIsNotRecorded() throws Exception {
        RuntimeConfig runtime = compile("");
        RiskTracker tracker = new RiskTracker(Duration.ofDays(30), RiskTracker.defaultMaxBytes(), Clock.systemUTC());

        Verdict allowed = decide(runtime, new AccessState(tracker, null));

        assertSame(UntrackedRisk.INSTANCE, RiskStage.forPolicies(runtime.policies()));
        assertEquals(Verdict.Kind.FORWARD, allowed.kind());
        assertNull(allowed.input().risk(), "no facts are computed that no policy reads");
        assertFalse(knowsLoopbackFor(tracker, "alice"), "nothing was recorded");
    }

    @Test
    void aShadowPolicyThatTestsRiskIsEnoughToKeepTheHistory() throws Exception {
        RuntimeConfig runtime = compile("""
                  trial:
                    mode: shadow
                    allow: { risk: { new_network: false } }
                """);
        RiskTracker tracker = new RiskTracker(Duration.ofDays(30), RiskTracker.defaultMaxBytes(), Clock.systemUTC());

        Verdict allowed = decide(runtime, new AccessState(tracker, null));

        assertSame(TrackedRisk.INSTANCE, RiskStage.forPolicies(runtime.policies()));
        assertTrue(allowed.input().risk().newNetwork(), "assessed before the allow was recorded");
        assertTrue(knowsLoopbackFor(tracker, "alice"), "the allowed network is now known");
    }
}
