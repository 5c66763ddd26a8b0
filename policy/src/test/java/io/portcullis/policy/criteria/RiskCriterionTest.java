package io.portcullis.policy.criteria;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.RiskFacts;
import io.portcullis.policy.testing.CriterionTable;
import io.portcullis.policy.testing.Facts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class RiskCriterionTest extends CriterionTable {

    private static final RiskFacts CALM = new RiskFacts(false, false, 10);
    private static final RiskFacts NEW_DEVICE = new RiskFacts(true, false, 60);
    private static final RiskFacts NEW_NETWORK = new RiskFacts(false, true, null);
    private static final List<String> OK = List.of("risk-ok");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("{risk: {new_device: true}}", Facts.anonymous().risk(NEW_DEVICE), TRUE, OK),
                arguments("{risk: {new_device: true}}", Facts.anonymous().risk(CALM), FALSE, List.of("risk-new-device")),
                arguments("{risk: {new_device: false}}", Facts.anonymous().risk(CALM), TRUE, OK),
                arguments("{risk: {new_device: true}}", Facts.anonymous(), UNKNOWN, List.of("risk-unknown")),
                arguments("{risk: {new_network: true}}", Facts.anonymous().risk(NEW_NETWORK), TRUE, OK),
                arguments("{risk: {new_network: true}}", Facts.anonymous().risk(NEW_DEVICE), FALSE,
                        List.of("risk-new-network")),
                arguments("{risk: {score: {gte: 50}}}", Facts.anonymous().risk(NEW_DEVICE), TRUE, OK),
                arguments("{risk: {score: {gte: 50}}}", Facts.anonymous().risk(CALM), FALSE, List.of("risk-score")),
                arguments("{risk: {score: {gte: 50}}}", Facts.anonymous().risk(NEW_NETWORK), UNKNOWN,
                        List.of("risk-score")),
                arguments("{risk: {score: {gt: 5, lt: 20}}}", Facts.anonymous().risk(CALM), TRUE, OK),
                // several signals are AND-ed; only the failing one is reported
                arguments("{risk: {new_device: true, score: {lt: 50}}}", Facts.anonymous().risk(NEW_DEVICE), FALSE,
                        List.of("risk-score")));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{risk: {new_devise: true}}",
                        "test.yaml:1:9: unknown operator 'new_devise' for risk (did you mean 'new_device'?)"),
                arguments("{risk: {new_device: \"true\"}}",
                        "test.yaml:1:21: risk.new_device: expected true or false, got a scalar"),
                arguments("{risk: {score: 50}}", "test.yaml:1:16: risk.score: expected a map, got a scalar"),
                arguments("{risk: {score: {above: 50}}}",
                        "test.yaml:1:17: unknown operator 'above' for risk.score (expected one of: lt, lte, gt, gte, eq)"),
                arguments("{risk: {}}", "test.yaml:1:8: risk: expected one of: new_device, new_network, score"));
    }
}
