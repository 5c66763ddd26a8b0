package io.portcullis.policy.values;

import io.portcullis.policy.Tri;
import java.util.List;

/** Several operators on one value, e.g. {@code {gte: 1, lt: 5}}: all must hold (Kleene and). */
public final class AllTests implements ValueTest {

    private final ValueTest[] tests;

    public AllTests(List<ValueTest> tests) {
        this.tests = tests.toArray(new ValueTest[0]);
    }

    @Override
    public Tri test(Object fact) {
        Tri result = Tri.TRUE;
        for (int i = 0; i < tests.length && result != Tri.FALSE; i++) {
            result = result.and(tests[i].test(fact));
        }
        return result;
    }
}
