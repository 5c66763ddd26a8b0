package io.portcullis.policy.logic;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.testing.Facts;
import io.portcullis.policy.testing.PolicyYaml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reasons a rule tree gives for a value whatever the input, as a policy builds its ALLOW once. */
class FixedReasonsTest {

    private static final String AND = "{and: [{groups: {has: a}}, {groups: {has: b}}, {device: {compliant: true}}]}";
    private static final String OR = "{or: [{groups: {has: a}}, {device: {compliant: true}}]}";
    private static final String NOR = "{nor: [{groups: {has: a}}, {device: {compliant: false}}]}";
    private static final String NOT_AND = "{not: [{groups: {has: a}}, {device: {compliant: false}}]}";
    private static final String NESTED = "{and: [{http_method: {in: [GET]}}, {nor: [{groups: {has: x}},"
            + " {and: [{groups: {has: a}}, {device: {managed: true}}]}]}]}";

    @Test
    void aConjunctionThatHoldsIsExplainedByAllItsCriteriaOnceEach() {
        assertEquals(List.of("groups-authorized", "device-ok"), PolicyYaml.rule(AND).fixedReasons(TRUE, false));
    }

    @Test
    void aDisjunctionThatFailsIsExplainedByAllItsCriteria() {
        assertEquals(List.of("groups-authorized", "device-ok"), PolicyYaml.rule(OR).fixedReasons(FALSE, false));
        assertEquals(List.of("groups-authorized", "device-ok"), PolicyYaml.rule(NOR).fixedReasons(TRUE, false));
    }

    @Test
    void aValueOnlySomeChildrenShareDependsOnTheInput() {
        assertNull(PolicyYaml.rule(OR).fixedReasons(TRUE, false));
        assertNull(PolicyYaml.rule(AND).fixedReasons(FALSE, false));
        assertNull(PolicyYaml.rule(AND).fixedReasons(UNKNOWN, false));
        assertNull(PolicyYaml.rule(NOT_AND).fixedReasons(TRUE, false));
        assertNull(PolicyYaml.rule(NESTED).fixedReasons(FALSE, false));
    }

    @Test
    void aRefusalIsNeverFixedSinceAFailureReasonMayNameWhatTheInputLacks() {
        for (String rule : List.of(AND, OR, NOR, NOT_AND, NESTED, "{groups: {has: a}}")) {
            for (Tri value : Tri.values()) {
                assertNull(PolicyYaml.rule(rule).fixedReasons(value, true), rule + " at " + value);
            }
        }
    }

    /** Wherever reasons are fixed, explaining any input with that value gives exactly them. */
    @Test
    void fixedReasonsAreWhatExplainGivesForEveryInputWithThatValue() {
        int compared = 0;
        for (String yaml : List.of(AND, OR, NOR, NOT_AND, NESTED)) {
            Condition rule = PolicyYaml.rule(yaml);
            for (PolicyInput input : inputs()) {
                Tri value = rule.evaluate(input);
                List<String> fixed = rule.fixedReasons(value, false);
                if (fixed != null) {
                    List<String> explained = new ArrayList<>();
                    rule.explain(input, false, explained);
                    assertEquals(explained, fixed, yaml + " for " + input);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 10, "enough inputs had a fixed explanation to compare: " + compared);
    }

    /** Every combination of two groups, three device states and two methods, with and without identity. */
    private static List<PolicyInput> inputs() {
        List<PolicyInput> inputs = new ArrayList<>();
        List<Object> groups = List.of(List.of(), List.of("a"), List.of("b"), List.of("a", "b"), List.of("x", "a"));
        for (Object g : groups) {
            for (Object compliant : new Object[] {true, false, "yes"}) {
                for (String method : List.of("GET", "POST")) {
                    inputs.add(Facts.user("groups", g).device("compliant", compliant, "managed", true)
                            .method(method).input());
                    inputs.add(Facts.user("groups", g).withoutDevice().method(method).input());
                }
            }
        }
        inputs.add(Facts.anonymous().device("compliant", true, "managed", false).input());
        return inputs;
    }
}
