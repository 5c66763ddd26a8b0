package io.portcullis.proxy.observe;

import io.portcullis.config.RouteConfig;
import io.portcullis.policy.Decision;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.PolicySet;
import io.portcullis.policy.ShadowComparison;
import java.util.Locale;

/**
 * What a route's shadow policy would have decided for the same facts as the enforced policy, for
 * the decision log and the disagreement counter. Never changes what the proxy does.
 *
 * @param policy     the shadow policy's id
 * @param decision   {@code allow}, {@code deny} or {@code challenge}
 * @param comparison how it relates to the enforced decision
 */
public record ShadowResult(String policy, String decision, ShadowComparison comparison) {

    /**
     * The route's shadow policy on the enforced decision's own input, or null when the route has
     * none or the enforced policy was never reached (nothing to compare with).
     */
    public static ShadowResult forRoute(RouteConfig route, PolicySet policies, Decision enforced, PolicyInput input) {
        String shadowId = route.access().shadowPolicy();
        Policy shadow = shadowId == null || enforced == null || input == null ? null : policies.policies().get(shadowId);
        return shadow == null ? null : of(shadow, enforced, input);
    }

    /** Evaluates {@code shadow} on the enforced decision's own input. */
    public static ShadowResult of(Policy shadow, Decision enforced, PolicyInput input) {
        Decision d = shadow.evaluate(input);
        return new ShadowResult(shadow.id(), d.outcome().name().toLowerCase(Locale.ROOT),
                ShadowComparison.compare(enforced, d));
    }

    public boolean agree() {
        return comparison == ShadowComparison.AGREE;
    }

    void appendJson(StringBuilder sb) {
        sb.append("{\"policy\":");
        Json.quote(sb, policy);
        sb.append(",\"decision\":");
        Json.quote(sb, decision);
        sb.append(",\"agree\":").append(agree());
        sb.append(",\"kind\":");
        Json.quote(sb, comparison.code());
        sb.append('}');
    }
}
