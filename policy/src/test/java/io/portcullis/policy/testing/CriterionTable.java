package io.portcullis.policy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.logic.Condition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table-driven shape every criterion test shares. A subclass supplies two static factories:
 * {@code cases()} with (rule YAML, facts, expected value, expected reasons as an allow rule reports
 * them) and {@code errors()} with (rule YAML, expected {@code file:line:col: message}).
 */
public abstract class CriterionTable {

    @ParameterizedTest(name = "[{index}] {0} on {1} is {2} {3}")
    @MethodSource("cases")
    public void evaluates(String rule, Facts facts, Tri expected, List<String> reasons) {
        Condition condition = PolicyYaml.rule(rule);
        PolicyInput input = facts.input();
        Tri actual = condition.evaluate(input);
        assertEquals(expected, actual);
        List<String> explained = new ArrayList<>();
        condition.explain(input, actual != Tri.TRUE, explained);
        assertEquals(reasons, explained);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    public void rejects(String rule, String problem) {
        assertEquals(List.of(problem), PolicyYaml.ruleProblems(rule));
    }
}
