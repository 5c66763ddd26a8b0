package io.portcullis.proxy.access.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.policy.Decision;
import io.portcullis.policy.Outcome;
import io.portcullis.proxy.access.AccessTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy's evaluation of a traced request is one ended step with the policy, rule, outcome and reasons. */
class TracedPolicyTest {

    private static final Decision DENIED = new Decision(Outcome.DENY, List.of("group-missing"), "staff", "allow");

    @Test
    void aDecisionIsAStepWithItsCodes() {
        RecordedTrace trace = new RecordedTrace();
        assertSame(DENIED, new TracedPolicy((r, in) -> DENIED).evaluate(RecordedTrace.request(trace), null));
        RecordedTrace.RecordedStep step = trace.steps.get(0);
        assertEquals("policy", step.name);
        assertEquals("staff", step.attributes.get(TraceKeys.POLICY));
        assertEquals("allow", step.attributes.get(TraceKeys.RULE));
        assertEquals("deny", step.attributes.get(TraceKeys.POLICY_OUTCOME));
        assertEquals(List.of("group-missing"), step.attributes.get(TraceKeys.REASONS));
        assertEquals(1, step.ends);
    }

    @Test
    void anUntracedRequestStartsNoStep() {
        assertSame(DENIED, new TracedPolicy((r, in) -> DENIED).evaluate(RecordedTrace.request(AccessTrace.OFF), null));
    }

    @Test
    void aPolicyThatThrowsIsAFailedEndedStepAndStillThrows() {
        RecordedTrace trace = new RecordedTrace();
        assertThrows(IllegalStateException.class, () -> new TracedPolicy((r, in) -> {
            throw new IllegalStateException("bug");
        }).evaluate(RecordedTrace.request(trace), null));
        RecordedTrace.RecordedStep step = trace.steps.get(0);
        assertEquals("IllegalStateException", step.failure);
        assertEquals(1, step.ends);
        assertFalse(step.attributes.containsKey(TraceKeys.POLICY_OUTCOME));
        assertTrue(step.attributes.isEmpty());
    }
}
