package io.portcullis.proxy.pdp;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.config.AuthZenPdpConfig;
import io.portcullis.policy.PdpQuestion;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AuthZEN 1.0 Access Evaluation wire format, as a PEP speaks it: the request
 * ({@code subject{type,id}, action{name}, resource{type,id}}) and the answer ({@code {"decision": bool}},
 * anything else being no answer).
 */
final class EvaluationJson {

    private EvaluationJson() {
    }

    /** @param subjectId the value of the PDP's {@code subject.id_claim} for this identity */
    static String request(PdpQuestion question, AuthZenPdpConfig.Subject subject, String subjectId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", ordered("type", subject.type(), "id", subjectId));
        body.put("action", ordered("name", question.action()));
        body.put("resource", ordered("type", question.resourceType(), "id", question.resourceId()));
        return JSONObjectUtils.toJSONString(body);
    }

    /** The decision of a 200 answer, or null when the answer is not a JSON object with a boolean {@code decision}. */
    static Boolean decision(int status, byte[] body) {
        if (status != 200) {
            return null;
        }
        try {
            Object decision = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8)).get("decision");
            return decision instanceof Boolean b ? b : null;
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> ordered(String... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
