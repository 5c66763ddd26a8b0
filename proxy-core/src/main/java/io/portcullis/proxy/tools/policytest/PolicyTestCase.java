package io.portcullis.proxy.tools.policytest;

import io.portcullis.config.Position;
import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.RiskFacts;
import io.portcullis.proxy.tools.ProxyAnswer;
import java.time.Instant;
import java.util.List;

/**
 * One test of a policy-test file: a request with hand-written verified facts and the answer the
 * proxy must give.
 *
 * @param identity null for an anonymous request
 * @param device   null when no posture is presented
 * @param risk     the proxy's risk signals for the request, null for none
 * @param reasons  reason codes that must all be among the decision's reasons (may be empty)
 * @param position where the test was written, for the failure report
 */
public record PolicyTestCase(
        String name,
        RequestFacts request,
        IdentityFacts identity,
        DeviceFacts device,
        RiskFacts risk,
        Instant now,
        ProxyAnswer expect,
        List<String> reasons,
        Position position) {

    public PolicyTestCase {
        reasons = List.copyOf(reasons);
    }
}
