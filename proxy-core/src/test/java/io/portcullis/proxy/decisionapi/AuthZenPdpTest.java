package io.portcullis.proxy.decisionapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AuthZEN 1.0 PDP on the decision API listener, in the spec's request shapes: single and batch
 * evaluations decided by the proxy's pipeline, the three batch semantics, callers trusted or refused,
 * X-Request-ID echoed, every evaluation logged.
 */
class AuthZenPdpTest {

    static ForwardAuthFixture f;

    @BeforeAll
    static void start() {
        f = new ForwardAuthFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static String subject(String id, String group) {
        return "{\"type\":\"user\",\"id\":\"" + id + "\",\"properties\":{\"groups\":[\"" + group + "\"]}}";
    }

    static String evaluation(String subject, String method, String path) {
        return "{\"subject\":" + subject + ",\"action\":{\"name\":\"" + method + "\"},"
                + "\"resource\":{\"type\":\"route\",\"id\":\"" + path + "\"},\"context\":{}}";
    }

    static ApiCall.Response post(String from, String target, String json, String... headers) throws Exception {
        return ApiCall.sendJson(from, f.apiPort(), "POST", target, json, headers);
    }

    static Map<String, Object> json(ApiCall.Response r) throws Exception {
        return JSONObjectUtils.parse(r.body());
    }

    @Test
    void singleEvaluationIsDecidedByTheRoutesPolicyAndLogged() throws Exception {
        ApiCall.Response allow = post("127.0.0.1", "/access/v1/evaluation",
                evaluation(subject("alice", "admins"), "GET", "/admin/reports"), "X-Request-ID: pep-req-0001");
        assertEquals(200, allow.status());
        assertEquals(true, json(allow).get("decision"), allow.body());
        assertEquals("pep-req-0001", allow.header("X-Request-Id"), "the caller's request id is echoed");
        String line = f.fx.awaitDecision("pep-req-0001");
        assertTrue(line.contains("\"via\":\"authzen\"") && line.contains("\"subject\":\"alice\"")
                && line.contains("\"route\":\"admin\"") && line.contains("\"decision\":\"allow\""), line);
        ApiCall.Response deny = post("127.0.0.1", "/access/v1/evaluation",
                evaluation(subject("bob", "users"), "GET", "/admin/reports"));
        assertEquals(false, json(deny).get("decision"));
        assertTrue(deny.body().contains("groups-unauthorized"), deny.body());
    }

    @Test
    void resourcePathIsCanonicalizedAndUnknownNeverAllows() throws Exception {
        String bob = subject("bob", "users");
        assertEquals(false, json(post("127.0.0.1", "/access/v1/evaluation",
                evaluation(bob, "GET", "/public/../admin"))).get("decision"), "dot segments resolve to /admin");
        ApiCall.Response ambiguous = post("127.0.0.1", "/access/v1/evaluation",
                evaluation(bob, "GET", "/public/..%2fadmin"));
        assertEquals(false, json(ambiguous).get("decision"));
        assertTrue(ambiguous.body().contains("path-"), ambiguous.body());
        assertEquals(true, json(post("127.0.0.1", "/access/v1/evaluation",
                evaluation(bob, "GET", "/public/x"))).get("decision"));
        ApiCall.Response noSubject = post("127.0.0.1", "/access/v1/evaluation",
                "{\"action\":{\"name\":\"GET\"},\"resource\":{\"type\":\"route\",\"id\":\"/public/x\"}}");
        assertEquals(false, json(noSubject).get("decision"));
        assertTrue(noSubject.body().contains("subject-missing"), noSubject.body());
        assertEquals(false, json(post("127.0.0.1", "/access/v1/evaluation",
                evaluation(bob, "GET", "/nowhere"))).get("decision"), "no route: deny");
        // A source address must be an IP literal: a name is never looked up, and the evaluation is denied.
        ApiCall.Response named = post("127.0.0.1", "/access/v1/evaluation", evaluation(bob, "GET", "/public/x")
                .replace("\"context\":{}", "\"context\":{\"source_ip\":\"cafe.example\"}"));
        assertEquals(false, json(named).get("decision"));
        assertTrue(named.body().contains("context-source-ip-invalid"), named.body());
        String literal = f.fx.awaitDecision(post("127.0.0.1", "/access/v1/evaluation", evaluation(bob, "GET",
                "/public/x").replace("\"context\":{}", "\"context\":{\"source_ip\":\"10.1.2.3\"}"))
                .header("X-Request-Id"));
        assertTrue(literal.contains("\"source_ip\":\"10.1.2.3\""), literal);
    }

    @Test
    void batchSemanticsFollowTheSpec() throws Exception {
        String items = "[" + "{\"resource\":{\"type\":\"route\",\"id\":\"/public/a\"}},"
                + "{\"resource\":{\"type\":\"route\",\"id\":\"/admin/b\"}},"
                + "{\"resource\":{\"type\":\"route\",\"id\":\"/public/c\"}}]";
        String defaults = "\"subject\":" + subject("bob", "users") + ",\"action\":{\"name\":\"GET\"}";
        assertEquals(List.of(true, false, true), decisions(post("127.0.0.1", "/access/v1/evaluations",
                "{" + defaults + ",\"evaluations\":" + items + "}")));
        assertEquals(List.of(true, false), decisions(post("127.0.0.1", "/access/v1/evaluations",
                "{" + defaults + ",\"evaluations\":" + items
                        + ",\"options\":{\"evaluations_semantic\":\"deny_on_first_deny\"}}")));
        assertEquals(List.of(true), decisions(post("127.0.0.1", "/access/v1/evaluations",
                "{" + defaults + ",\"evaluations\":" + items
                        + ",\"options\":{\"evaluations_semantic\":\"permit_on_first_permit\"}}")));
        // An item's own subject replaces the default one.
        assertEquals(List.of(true), decisions(post("127.0.0.1", "/access/v1/evaluations",
                "{" + defaults + ",\"evaluations\":[{\"subject\":" + subject("alice", "admins")
                        + ",\"resource\":{\"type\":\"route\",\"id\":\"/admin/b\"}}]}")));
        assertEquals(400, post("127.0.0.1", "/access/v1/evaluations",
                "{" + defaults + ",\"evaluations\":" + items + ",\"options\":{\"evaluations_semantic\":\"x\"}}").status());
    }

    @SuppressWarnings("unchecked")
    static List<Object> decisions(ApiCall.Response r) throws Exception {
        assertEquals(200, r.status(), r.body());
        return ((List<Map<String, Object>>) json(r).get("evaluations")).stream().map(e -> e.get("decision")).toList();
    }

    @Test
    void untrustedCallersAndMalformedRequestsDecideNothing() throws Exception {
        ApiCall.Response untrusted = post("127.0.0.2", "/access/v1/evaluation",
                evaluation(subject("alice", "admins"), "GET", "/admin/x"), "X-Request-ID: pep-untrusted-1");
        assertEquals(403, untrusted.status());
        String line = f.fx.awaitDecision(untrusted.header("X-Request-Id"));
        assertTrue(line.contains("caller-untrusted") && line.contains("\"subject\":null"), line);
        assertEquals(400, post("127.0.0.1", "/access/v1/evaluation", "{not json").status());
        assertEquals(405, ApiCall.send("127.0.0.1", f.apiPort(), "GET", "/access/v1/evaluation").status());
    }

    @Test
    void metadataNamesTheEndpoints() throws Exception {
        ApiCall.Response r = ApiCall.send("127.0.0.1", f.apiPort(), "GET", "/.well-known/authzen-configuration");
        assertEquals(200, r.status());
        Map<String, Object> m = json(r);
        assertEquals("http://127.0.0.1/access/v1/evaluation", m.get("access_evaluation_endpoint"));
        assertEquals("http://127.0.0.1/access/v1/evaluations", m.get("access_evaluations_endpoint"));
        assertEquals("http://127.0.0.1", m.get("policy_decision_point"));
    }
}
