package io.portcullis.proxy.tools;

import io.portcullis.policy.Decision;
import io.portcullis.policy.PolicyInput;
import io.portcullis.proxy.routing.Route;
import java.util.List;

/**
 * One request decided in-process, as the proxy would decide it.
 *
 * @param answer   what the proxy would do
 * @param route    the route that took the request, or null
 * @param path     the canonical path that was routed, or null when the edge refused it
 * @param reasons  reason codes, as the decision log would show them
 * @param decision the policy's decision, null when the policy was never reached
 * @param input    what the policy was given, null when it was never reached
 */
public record OfflineEvaluation(ProxyAnswer answer, Route route, String path, List<String> reasons, Decision decision,
                                PolicyInput input) {

    public OfflineEvaluation {
        reasons = List.copyOf(reasons);
    }
}
