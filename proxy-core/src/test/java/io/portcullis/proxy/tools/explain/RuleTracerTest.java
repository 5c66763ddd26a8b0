package io.portcullis.proxy.tools.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.RequestFacts;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named conditions, included deny rules and challenge rules are all traced, each with its own text. */
class RuleTracerTest {

    @TempDir
    Path dir;

    @Test
    void tracesOwnAndIncludedDenyAllowAndChallengeCriteria() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, """
                issuers:
                  - { id: corp, issuer: https://login.test, jwks_uri: https://login.test/jwks, audiences: [p] }
                conditions:
                  corp-network: { source_ip: { in: [10.0.0.0/8] } }
                routes:
                  - { id: r, match: { path_prefix: / }, upstream: http://127.0.0.1:9001, policy: app }
                policies:
                  base:
                    deny: { not: { condition: corp-network } }
                  app:
                    include: [base]
                    allow: { groups: { has: staff } }
                    challenge: { when: { http_method: { in: [POST] } }, require: { mfa: true } }
                """);
        PortcullisConfig config = ConfigLoader.load(file);
        IdentityFacts bob = new IdentityFacts("https://login.test", "bob", Map.of("groups", List.of("staff")), null);
        PolicyInput input = new PolicyInput(new RequestFacts("POST", "h", "/x", InetAddress.getByName("10.1.1.1")),
                bob, null, Instant.now());
        List<CriterionTrace> traces = new RuleTracer(config).trace("app", input);
        assertEquals(List.of("deny (from base)", "allow", "challenge when"),
                traces.stream().map(CriterionTrace::part).toList());
        CriterionTrace network = traces.get(0);
        assertEquals("source_ip: { in: [10.0.0.0/8] }", network.source(), "the condition's own text and place");
        assertEquals(4, network.position().line());
        assertEquals(io.portcullis.policy.Tri.TRUE, network.value());
        assertEquals(true, network.negated());
        assertEquals(false, network.refuses(), "from 10.1.1.1 the corp-network condition holds, so no deny");
        List<CriterionTrace> outside = new RuleTracer(config).trace("app", new PolicyInput(
                new RequestFacts("GET", "h", "/x", InetAddress.getByName("192.0.2.1")), bob, null, Instant.now()));
        assertEquals(true, outside.get(0).refuses(), "outside the network the negated condition fires the deny");
        assertEquals(false, outside.get(2).refuses(), "a GET does not trigger the challenge");
        CriterionTrace groups = traces.get(1);
        assertEquals("groups-authorized", groups.reason());
        CriterionTrace post = traces.get(2);
        assertEquals(true, post.refuses(), "a POST triggers the challenge");
        assertEquals("http_method: { in: [POST] }", post.source());
    }
}
