package io.portcullis.proxy.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.RequestFacts;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The in-process decision follows the proxy's order: canonical path, route, identity, policy. */
class OfflineAuthorizerTest {

    static OfflineAuthorizer authorizer;

    @BeforeAll
    static void compile() throws Exception {
        PortcullisConfig config = ConfigLoader.parse("""
                issuers:
                  - id: corp
                    issuer: https://login.test
                    jwks_uri: https://login.test/jwks
                    audiences: [portcullis]
                routes:
                  - id: admin
                    match: { path_prefix: /admin, methods: [GET] }
                    upstream: http://127.0.0.1:9001
                    policy: admins
                  - id: open
                    match: { path_prefix: /open }
                    upstream: http://127.0.0.1:9001
                    policy: public
                policies:
                  admins:
                    allow: { groups: { has: admins } }
                  public:
                    allow: { public: true }
                """, "c.yaml");
        ConfigCompiler.Compiled compiled = ConfigCompiler.compile(config);
        authorizer = new OfflineAuthorizer(RuntimeConfig.of(config, compiled.policies(), null).router());
    }

    static RequestFacts get(String path) throws Exception {
        return new RequestFacts("GET", "app.test", path, InetAddress.getByName("10.0.0.1"));
    }

    static IdentityFacts admin() {
        return new IdentityFacts("https://iss", "alice", Map.of("sub", "alice", "groups", List.of("admins")), null);
    }

    @Test
    void anAdminIsAllowedOnTheCanonicalPath() throws Exception {
        OfflineEvaluation e = authorizer.decide(get("/open/../admin/./x"), admin(), null, Instant.now());
        assertEquals(ProxyAnswer.ALLOW, e.answer());
        assertEquals("admin", e.route().id());
        assertEquals("/admin/x", e.path());
        assertEquals("admins", e.decision().policy());
    }

    @Test
    void noIdentityOnARouteThatNeedsOneIsTheProxys401() throws Exception {
        OfflineEvaluation e = authorizer.decide(get("/admin"), null, null, Instant.now());
        assertEquals(ProxyAnswer.DENY, e.answer());
        assertEquals(List.of("token-missing"), e.reasons());
        assertNull(e.decision(), "the policy is never reached");
    }

    @Test
    void aPublicRouteDecidesAnonymousRequests() throws Exception {
        OfflineEvaluation e = authorizer.decide(get("/open/x"), null, null, Instant.now());
        assertEquals(ProxyAnswer.ALLOW, e.answer());
        assertEquals("public", e.decision().policy());
    }

    @Test
    void unmatchedMethodsAndPathsHaveNoRoute() throws Exception {
        RequestFacts post = new RequestFacts("POST", "app.test", "/admin", InetAddress.getByName("10.0.0.1"));
        assertEquals(ProxyAnswer.NO_ROUTE, authorizer.decide(post, admin(), null, Instant.now()).answer());
        assertEquals(ProxyAnswer.NO_ROUTE, authorizer.decide(get("/admins"), admin(), null, Instant.now()).answer());
    }

    @Test
    void traceIsRejectedAsTheProxyAnswersIt405() throws Exception {
        RequestFacts trace = new RequestFacts("TRACE", "app.test", "/open/x", InetAddress.getByName("10.0.0.1"));
        OfflineEvaluation e = authorizer.decide(trace, null, null, Instant.now());
        assertEquals(ProxyAnswer.REJECT, e.answer());
        assertEquals(List.of("method-not-allowed"), e.reasons());
    }

    @Test
    void aPathTheEdgeRefusesIsRejectedBeforeRouting() throws Exception {
        OfflineEvaluation e = authorizer.decide(get("/admin/%2e%2e%2f"), admin(), null, Instant.now());
        assertEquals(ProxyAnswer.REJECT, e.answer());
        assertNull(e.route());
    }
}
