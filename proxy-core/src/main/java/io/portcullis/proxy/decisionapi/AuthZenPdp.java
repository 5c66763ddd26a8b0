package io.portcullis.proxy.decisionapi;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.proxy.observe.Json;
import io.portcullis.proxy.routing.Router;
import io.portcullis.proxy.tools.OfflineAuthorizer;
import io.portcullis.proxy.tools.OfflineEvaluation;
import io.portcullis.proxy.tools.ProxyAnswer;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The AuthZEN 1.0 Access Evaluation API: one evaluation, or a batch with the spec's
 * {@code evaluations_semantic} ({@code execute_all}, {@code deny_on_first_deny},
 * {@code permit_on_first_permit}). Each evaluation is mapped by {@link AuthZenRequest} and decided by
 * {@link OfflineAuthorizer}, the proxy's own pipeline with the subject's facts given
 * ({@code FactsAuthenticator}): canonical path, router, policy, in the one decision order. Only
 * {@code allow} is {@code "decision": true}; unknown, a challenge, no route or a malformed evaluation
 * is {@code false}.
 */
public final class AuthZenPdp {

    /** One evaluated item: the decision and what its decision line says. */
    public record Outcome(boolean decision, AuthZenRequest request, OfflineEvaluation evaluation, List<String> reasons) {
    }

    /** An answer: the HTTP status, the JSON body, and every evaluation made (each gets a decision line). */
    public record Answer(int status, String json, List<Outcome> outcomes) {
    }

    private AuthZenPdp() {
    }

    /** {@code POST /access/v1/evaluation}. */
    public static Answer evaluation(Router router, String body, Instant now) {
        Map<String, Object> request = parse(body);
        if (request == null) {
            return badRequest();
        }
        Outcome o = decide(router, request, now);
        return new Answer(200, decisionJson(new StringBuilder(), o).toString(), List.of(o));
    }

    /** {@code POST /access/v1/evaluations}. */
    public static Answer evaluations(Router router, String body, Instant now) {
        Map<String, Object> request = parse(body);
        if (request == null) {
            return badRequest();
        }
        Object items = request.get("evaluations");
        if (items == null) {
            // Without an evaluations array the request is one evaluation (spec: backwards compatible).
            Outcome o = decide(router, request, now);
            return new Answer(200, decisionJson(new StringBuilder(), o).toString(), List.of(o));
        }
        if (!(items instanceof List<?> list)) {
            return badRequest();
        }
        Map<String, Object> options = AuthZenRequest.map(request.get("options"));
        Object semantic = options == null ? null : options.get("evaluations_semantic");
        String mode = semantic == null ? "execute_all" : semantic.toString();
        if (!List.of("execute_all", "deny_on_first_deny", "permit_on_first_permit").contains(mode)) {
            return badRequest();
        }
        List<Outcome> outcomes = new ArrayList<>();
        StringBuilder sb = new StringBuilder("{\"evaluations\":[");
        for (Object item : list) {
            Map<String, Object> merged = new HashMap<>();
            for (String key : List.of("subject", "action", "resource", "context")) {
                if (request.get(key) != null) {
                    merged.put(key, request.get(key));
                }
            }
            Map<String, Object> own = AuthZenRequest.map(item);
            if (own != null) {
                own.forEach((k, v) -> {
                    if (v != null) {
                        merged.put(k, v);
                    }
                });
            }
            Outcome o = decide(router, merged, now);
            if (!outcomes.isEmpty()) {
                sb.append(',');
            }
            decisionJson(sb, o);
            outcomes.add(o);
            if ((mode.equals("deny_on_first_deny") && !o.decision())
                    || (mode.equals("permit_on_first_permit") && o.decision())) {
                break;
            }
        }
        return new Answer(200, sb.append("]}").toString(), outcomes);
    }

    private static Outcome decide(Router router, Map<String, Object> evaluation, Instant now) {
        AuthZenRequest r = AuthZenRequest.of(evaluation, now);
        if (r.problem() != null) {
            return new Outcome(false, r, null, List.of(r.problem()));
        }
        OfflineEvaluation e = new OfflineAuthorizer(router).decide(r.request(), r.identity(), null, r.time());
        return new Outcome(e.answer() == ProxyAnswer.ALLOW, r, e, e.reasons());
    }

    private static StringBuilder decisionJson(StringBuilder sb, Outcome o) {
        sb.append("{\"decision\":").append(o.decision()).append(",\"context\":{\"reasons\":[");
        for (int i = 0; i < o.reasons().size(); i++) {
            Json.quote(i == 0 ? sb : sb.append(','), o.reasons().get(i));
        }
        return sb.append("]}}");
    }

    private static Map<String, Object> parse(String body) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static Answer badRequest() {
        return new Answer(400, "{\"error\":\"invalid_request\"}", List.of());
    }
}
