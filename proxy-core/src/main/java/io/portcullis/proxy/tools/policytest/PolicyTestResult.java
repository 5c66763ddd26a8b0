package io.portcullis.proxy.tools.policytest;

import io.portcullis.proxy.tools.OfflineEvaluation;
import java.util.List;

/**
 * One test's outcome.
 *
 * @param missingReasons expected reasons the decision did not give (empty when they all matched)
 */
public record PolicyTestResult(PolicyTestCase test, OfflineEvaluation got, List<String> missingReasons) {

    public PolicyTestResult {
        missingReasons = List.copyOf(missingReasons);
    }

    public boolean passed() {
        return got.answer() == test.expect() && missingReasons.isEmpty();
    }
}
