package io.portcullis.proxy.decisionapi;

import io.portcullis.proxy.auth.Verdict;
import java.util.List;
import java.util.Map;

/**
 * What the decision API answers a forward-auth call and what its decision line says.
 *
 * @param status   the status to answer (2xx allows)
 * @param headers  header fields of the answer, in order (identity headers on allow; challenge, login
 *                 target, cookies on refusal)
 * @param route    the route's id, {@code "-"} when none
 * @param method   the original method, or null when unknown
 * @param path     the canonical original path, or null when there was none
 * @param sourceIp the original client's address as the policy saw it, or the caller's
 * @param verdict  the pipeline's verdict, or null when the call was refused before deciding
 * @param reasons  the decision line's reasons, the deciding one first
 */
public record ForwardAuthAnswer(int status, List<Map.Entry<String, String>> headers, String route, String method,
                                String path, String sourceIp, Verdict verdict, List<String> reasons) {

    public ForwardAuthAnswer {
        headers = List.copyOf(headers);
        reasons = List.copyOf(reasons);
    }

    /** The decision line's {@code decision}: allow, deny, challenge or reject (refused before deciding). */
    public String decision() {
        if (verdict == null) {
            return "reject";
        }
        return switch (verdict.kind()) {
            case FORWARD -> status < 300 ? "allow" : "deny";
            case UNAUTHENTICATED, FORBIDDEN -> "deny";
            case CHALLENGE -> "challenge";
            case BAD_REQUEST -> "reject";
        };
    }

    static ForwardAuthAnswer refused(int status, String reason, String route, String method, String path,
                                     String sourceIp) {
        return new ForwardAuthAnswer(status, List.of(), route, method, path, sourceIp, null, List.of(reason));
    }
}
