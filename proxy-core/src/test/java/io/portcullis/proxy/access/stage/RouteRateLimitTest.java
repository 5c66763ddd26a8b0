package io.portcullis.proxy.access.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessDecision;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.ratelimit.RateLimiter;
import io.portcullis.proxy.risk.RiskSignals;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The route's rate limit, per source address, in real token buckets on a clock the test moves. */
class RouteRateLimitTest {

    @Test
    void aCallerPastItsBurstIsRefusedWithTheWaitAndAnotherCallerIsNot() throws Exception {
        PortcullisConfig config = ConfigLoader.parse("""
                routes:
                  - id: api
                    match: { path_prefix: / }
                    upstream: http://127.0.0.1:9
                    policy: open
                    rate_limit: { per: source_ip, requests: 1, per_seconds: 10, burst: 2 }
                policies:
                  open:
                    allow: { public: true }
                """, "limit.yaml");
        Route route = RuntimeConfig.of(config, ConfigCompiler.compile(config).policies(), null).router()
                .match("app.test", "/", "GET");
        AtomicLong now = new AtomicLong();
        AccessState state = new AccessState(RiskSignals.NONE, new RateLimiter(100, now::get));
        Verdict allowed = new Verdict(Verdict.Kind.FORWARD, List.of("allowed"), null, null, null, null);

        AccessDecision.RateLimited first = RouteRateLimit.INSTANCE.acquire(from(route, "10.0.0.1"), state, allowed).join();
        AccessDecision.RateLimited second = RouteRateLimit.INSTANCE.acquire(from(route, "10.0.0.1"), state, allowed).join();
        AccessDecision.RateLimited third = RouteRateLimit.INSTANCE.acquire(from(route, "10.0.0.1"), state, allowed).join();
        AccessDecision.RateLimited other = RouteRateLimit.INSTANCE.acquire(from(route, "10.0.0.2"), state, allowed).join();

        assertNull(first);
        assertNull(second);
        assertNotNull(third, "the burst of two is spent");
        assertEquals(10, third.retryAfterSeconds());
        assertEquals(route.config().limits().rateLimit(), third.limit());
        assertNull(other, "another address has its own bucket");
        assertNull(RouteRateLimit.INSTANCE.acquire(from(route, "10.0.0.1"), AccessState.NONE, allowed).join(),
                "no buckets (an offline tool): nothing is limited");
    }

    private static AccessRequest from(Route route, String address) throws Exception {
        InetAddress client = InetAddress.getByName(address);
        return new AccessRequest(new AccessRequest.Target(route, "GET", "app.test", "/", null, null), name -> List.of(),
                new AccessRequest.Peer(client, client, null), Instant.now(), "r");
    }
}
