package io.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keycloak's experimental AuthZEN PDP ({@code --features=authzen}) asked with the request shapes of
 * AuthZEN 1.0, so that Portcullis's PEP criterion has a verified counterpart: the resource server is the
 * client {@code portcullis-pdp} (Authorization Services on; resource {@code reports} of type
 * {@code document} with scopes {@code read} and {@code delete}; admins may do both, staff only read) and
 * the caller is that client's own service account (Keycloak takes the resource server from the token's
 * {@code azp}). What it answers to everything else is pinned too, since a PEP must read those answers as
 * denials or errors.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakAuthzenIT {

    private static Keycloak keycloak;
    private static String pepToken;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start(Keycloak kc) {
        keycloak = kc;
        pepToken = kc.clientCredentialsToken("portcullis-pdp", "portcullis-pdp-secret");
    }

    private static String evaluation() {
        return keycloak.issuer() + "/authzen/access/v1/evaluation";
    }

    private static String evaluations() {
        return keycloak.issuer() + "/authzen/access/v1/evaluations";
    }

    private static HttpResponse<String> post(String url, String bearer, Map<String, Object> body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> request(String user, String type, String resource, String action) {
        return Map.of("subject", Map.of("type", "user", "id", user), "resource", Map.of("type", type, "id", resource),
                "action", Map.of("name", action));
    }

    /** The decision for one evaluation by the resource server's own service account. */
    private static boolean decide(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = post(evaluation(), pepToken, body, Map.of());
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> json = JSONObjectUtils.parse(response.body());
        assertEquals(Map.of("decision", json.get("decision")), json, "the answer is a bare decision: " + response.body());
        return (Boolean) json.get("decision");
    }

    @Test
    void theMetadataNamesBothEvaluationEndpoints() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl()
                + "/.well-known/authzen-configuration/realms/corp")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> metadata = JSONObjectUtils.parse(response.body());
        assertEquals(keycloak.issuer(), metadata.get("policy_decision_point"));
        assertEquals(evaluation(), metadata.get("access_evaluation_endpoint"));
        assertEquals(evaluations(), metadata.get("access_evaluations_endpoint"));
    }

    @ParameterizedTest(name = "{0} {1} reports -> {2}")
    @CsvSource({"alice, read, true", "alice, delete, true", "bob, read, true", "bob, delete, false",
            "carol, delete, true"})
    void theRealmsPoliciesDecide(String user, String action, boolean expected) throws Exception {
        assertEquals(expected, decide(request(user, "document", "reports", action)));
    }

    @Test
    void theSubjectIsFoundByUsernameEmailOrId() throws Exception {
        String aliceId = keycloak.userId("alice");
        for (String id : List.of("username:alice", "email:alice@corp.example", aliceId, "id:" + aliceId)) {
            assertEquals(true, decide(request(id, "document", "reports", "delete")), id);
        }
        String bobId = keycloak.userId("bob");
        assertEquals(false, decide(request(bobId, "document", "reports", "delete")), "bob by id");
    }

    @Test
    void whatTheRealmDoesNotKnowIsDenied() throws Exception {
        assertEquals(false, decide(request("mallory", "document", "reports", "read")), "unknown user");
        assertEquals(false, decide(request("alice", "document", "payroll", "read")), "unknown resource");
        assertEquals(false, decide(request("alice", "folder", "reports", "read")), "resource type differs");
        assertEquals(false, decide(request("alice", "document", "reports", "write")), "unknown action");
    }

    @Test
    void aSubjectTypeOtherThanUserOrClientOrAMissingMemberIsABadRequest() throws Exception {
        HttpResponse<String> identity = post(evaluation(), pepToken, Map.of("subject", Map.of("type", "identity",
                "id", "alice"), "resource", Map.of("type", "document", "id", "reports"),
                "action", Map.of("name", "read")), Map.of());
        assertEquals(400, identity.statusCode(), identity.body());
        HttpResponse<String> noAction = post(evaluation(), pepToken, Map.of("subject", Map.of("type", "user", "id", "alice"),
                "resource", Map.of("type", "document", "id", "reports")), Map.of());
        assertEquals(400, noAction.statusCode(), noAction.body());
        assertEquals("Cannot parse the JSON", JSONObjectUtils.parse(noAction.body()).get("error_description"));
    }

    @Test
    void batchesTakeDefaultsFromTheTopAndHonourTheSemantics() throws Exception {
        Map<String, Object> defaults = Map.of("subject", Map.of("type", "user", "id", "bob"),
                "resource", Map.of("type", "document", "id", "reports"));
        List<Object> items = List.of(Map.of("action", Map.of("name", "read")), Map.of("action", Map.of("name", "delete")),
                Map.of("action", Map.of("name", "delete"), "subject", Map.of("type", "user", "id", "alice")));
        assertEquals(List.of(true, false, true), decisions(with(defaults, "evaluations", items)));

        Map<String, Object> denyFirst = with(with(defaults, "evaluations", items),
                "options", Map.of("evaluations_semantic", "deny_on_first_deny"));
        HttpResponse<String> stopped = post(evaluations(), pepToken, denyFirst, Map.of());
        assertEquals(List.of(Map.of("decision", true), Map.of("decision", false,
                "context", Map.of("reason", "deny_on_first_deny"))), JSONObjectUtils.parse(stopped.body()).get("evaluations"));

        List<Object> deleteFirst = List.of(Map.of("action", Map.of("name", "delete")), Map.of("action", Map.of("name", "read")),
                Map.of("action", Map.of("name", "delete")));
        assertEquals(List.of(false, true), decisions(with(with(defaults, "evaluations", deleteFirst),
                "options", Map.of("evaluations_semantic", "permit_on_first_permit"))));
    }

    @Test
    void aBatchWithoutEvaluationsIsOneEvaluation() throws Exception {
        HttpResponse<String> response = post(evaluations(), pepToken, request("bob", "document", "reports", "read"), Map.of());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(Map.of("decision", true), JSONObjectUtils.parse(response.body()));
    }

    @Test
    void theCallersTokenNamesTheResourceServerAndWithoutOneEverythingIsDenied() throws Exception {
        Map<String, Object> body = request("alice", "document", "reports", "read");
        assertEquals(401, post(evaluation(), null, body, Map.of()).statusCode(), "no token");
        assertEquals(401, post(evaluation(), "not-a-token", body, Map.of()).statusCode(), "a made-up token");
        // 26.7.3 takes any access token of the realm; the resource server is the client it was issued to
        // (azp). A user's token, or another client's service account, names a client without
        // Authorization Services: denied, not refused.
        String aliceToken = keycloak.passwordGrantAccessToken("alice", "alice-password");
        String otherClient = keycloak.clientCredentialsToken("portcullis", "portcullis-secret");
        for (String token : List.of(aliceToken, otherClient)) {
            HttpResponse<String> response = post(evaluation(), token, body, Map.of());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(Map.of("decision", false), JSONObjectUtils.parse(response.body()));
        }
    }

    @Test
    void theRequestIdComesBack() throws Exception {
        HttpResponse<String> response = post(evaluation(), pepToken, request("alice", "document", "reports", "read"),
                Map.of("X-Request-ID", "pep-4711"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("pep-4711", response.headers().firstValue("X-Request-ID").orElse(null));
    }

    private static List<Object> decisions(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = post(evaluations(), pepToken, body, Map.of());
        assertEquals(200, response.statusCode(), response.body());
        return evaluationsOf(response.body()).stream().map(e -> (Object) ((Map<?, ?>) e).get("decision")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> evaluationsOf(String body) throws ParseException {
        return (List<Object>) JSONObjectUtils.parse(body).get("evaluations");
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
