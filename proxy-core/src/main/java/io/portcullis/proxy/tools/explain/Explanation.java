package io.portcullis.proxy.tools.explain;

import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.Identity;
import io.portcullis.proxy.observe.ShadowResult;
import io.portcullis.proxy.tools.OfflineEvaluation;
import java.util.List;

/**
 * Everything {@code explain} found out about one request.
 *
 * @param tokenProblem   why the identity token was refused (its reason code), null when valid or absent
 * @param identity       the verified identity, or null
 * @param postureProblem why presented posture was not used, or null
 * @param binding        the sender-constraint check of the verified token, or null (no valid token)
 * @param posture        the verified posture, or null
 * @param evaluation     route and decision, as the proxy would make them
 * @param criteria       each criterion of the route's policy and its outcome (empty when the policy
 *                       was not reached)
 * @param shadow         the route's shadow policy's verdict on the same facts, or null
 */
public record Explanation(String tokenProblem, Identity identity, BindingExplanation binding, String postureProblem,
                          DevicePosture posture,
                          OfflineEvaluation evaluation, List<CriterionTrace> criteria, ShadowResult shadow) {

    public Explanation {
        criteria = List.copyOf(criteria);
    }
}
